import 'reflect-metadata';
import { FhirResourceServiceModule } from '@connector/fhir-service';
import { runServiceProcess } from '@connector/shared-transport';

void runServiceProcess('chart', (config) => FhirResourceServiceModule.forRoot('chart', config));
