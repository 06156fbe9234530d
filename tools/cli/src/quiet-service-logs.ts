/*
 * Imported first by main.ts. In embedded mode the services run inside the CLI and would log every request at
 * info level onto the same stdout as the progress bar and summary; the CLI's own output is its report, so the
 * services log warnings and errors only unless LOG_LEVEL asks for more. Must run before any logger exists.
 */
process.env['LOG_LEVEL'] ??= 'warn';

export {};
