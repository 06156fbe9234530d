import 'reflect-metadata';
import { AuthServiceModule } from '@connector/auth-feature';
import { runServiceProcess } from '@connector/shared-transport';

void runServiceProcess('auth', (config) => AuthServiceModule.forRoot(config));
