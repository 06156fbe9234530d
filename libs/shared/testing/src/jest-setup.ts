import 'reflect-metadata';
// Tests log errors only (STYLE.md): quiet unless LOG_LEVEL is set explicitly for a debugging run.
process.env['LOG_LEVEL'] ??= 'error';
