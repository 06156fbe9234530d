import 'reflect-metadata';
import { FhirResourceServiceModule } from '@connector/fhir-service';
import { runServiceProcess } from '@connector/shared-transport';

void runServiceProcess('practice', (config) => FhirResourceServiceModule.forRoot('practice', config));
