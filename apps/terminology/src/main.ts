import 'reflect-metadata';
import { FhirResourceServiceModule } from '@connector/fhir-service';
import { runServiceProcess } from '@connector/shared-transport';

void runServiceProcess('terminology', (config) => FhirResourceServiceModule.forRoot('terminology', config));
