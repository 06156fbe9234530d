import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import {
  FULL_ACCESS,
  ImportResourcesRequest,
  ReadResourceHistoryRequest,
  ReadResourceRequest,
  ReadResourceVersionRequest,
  type ResourceToImport,
  SearchResourcesRequest,
} from '@connector/contracts';
import { FhirError } from '@connector/fhir-outcomes';
import { configFrom } from '@connector/shared-config';
import { DataSource } from 'typeorm';
import { FhirResourceServiceModule } from './fhir-resource-service.module';
import { createResourceHandler, type ResourceHandler } from './resource.handler';

const PATIENT: ResourceToImport = { resourceType: 'Patient', id: 'p1', name: [{ family: 'Chart' }] };

/** The module as a service process starts it, on SQLite in a fresh temp dir; `@nestjs/testing` is not installed. */
async function startChartService(dataDir: string): Promise<{ app: INestApplicationContext; handler: ResourceHandler }> {
  const config = configFrom({ CONNECTOR_DATA_DIR: dataDir, DATABASE_URL: undefined, NATS_URL: undefined });
  const module = FhirResourceServiceModule.forRoot('chart', config);
  const app = await NestFactory.createApplicationContext(module, { logger: ['error'] });
  await app.init();
  const [handlerClass] = module.controllers ?? [];
  return { app, handler: app.get<ResourceHandler>(handlerClass) };
}

async function caught(promise: Promise<unknown>): Promise<FhirError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(FhirError);
  return error as FhirError;
}

describe(createResourceHandler.name, () => {
  let dataDir: string;
  let app: INestApplicationContext;
  let handler: ResourceHandler;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'fhir-service-'));
    ({ app, handler } = await startChartService(dataDir));
  });

  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('subjects', () => {
    it.each([
      ['chart', 'readResource', 'chart.resource.read'],
      ['chart', 'importResources', 'chart.resource.import'],
      ['chart', 'countResources', 'chart.resource.count'],
      ['chart', 'searchResources', 'chart.resource.search'],
      ['practice', 'searchResources', 'practice.resource.search'],
      ['terminology', 'searchResources', 'terminology.resource.search'],
      ['chart', 'health', 'chart.health.check'],
      ['practice', 'readResource', 'practice.resource.read'],
      ['terminology', 'health', 'terminology.health.check'],
      ['chart', 'readResourceVersion', 'chart.resource.vread'],
      ['practice', 'readResourceHistory', 'practice.resource.history'],
    ] as const)('the %s handler answers %s on %s', (service, method, subject) => {
      const prototype = createResourceHandler(service).prototype as ResourceHandler;

      expect(Reflect.getMetadata(PATTERN_METADATA, prototype[method])).toEqual([subject]);
    });

    it('declares the request DTO classes, so the ValidationPipe can validate and transform payloads', () => {
      const prototype = createResourceHandler('chart').prototype as object;

      expect(Reflect.getMetadata('design:paramtypes', prototype, 'readResource')).toEqual([ReadResourceRequest]);
      expect(Reflect.getMetadata('design:paramtypes', prototype, 'importResources')).toEqual([ImportResourcesRequest]);
      expect(Reflect.getMetadata('design:paramtypes', prototype, 'searchResources')).toEqual([SearchResourcesRequest]);
      expect(Reflect.getMetadata('design:paramtypes', prototype, 'readResourceVersion')).toEqual([
        ReadResourceVersionRequest,
      ]);
      expect(Reflect.getMetadata('design:paramtypes', prototype, 'readResourceHistory')).toEqual([
        ReadResourceHistoryRequest,
      ]);
    });
  });

  describe('importResources', () => {
    it('stores resources of the types the service owns', async () => {
      const reply = await handler.importResources({ source: 'spec', resources: [PATIENT] });

      expect(reply).toEqual({ created: 1, updated: 0, unchanged: 0, byType: { Patient: 1 } });
    });

    it('rejects a batch holding a resource another service owns, naming it and its owner', async () => {
      const appointment: ResourceToImport = { resourceType: 'Appointment', id: 'a1', status: 'booked' };
      const other: ResourceToImport = { resourceType: 'Patient', id: 'not-stored' };

      const error = await caught(handler.importResources({ source: 'spec', resources: [other, appointment] }));

      expect(error.status).toBe(400);
      expect(error.message).toContain('Appointment/a1');
      expect(error.message).toContain('practice');
      await expect(
        handler.readResource({ resourceType: 'Patient', id: 'not-stored', access: FULL_ACCESS }),
      ).rejects.toBeInstanceOf(FhirError);
    });

    it('rejects a resource whose type is not an R4 resource type', async () => {
      const error = await caught(
        handler.importResources({ source: 'spec', resources: [{ resourceType: 'Gadget', id: 'g1' }] }),
      );

      expect(error.status).toBe(400);
      expect(error.message).toContain('Gadget/g1');
    });
  });

  describe('readResource', () => {
    it('answers the stored resource as JSON text with its meta', async () => {
      await handler.importResources({ source: 'spec', resources: [PATIENT] });

      const reply = await handler.readResource({ resourceType: 'Patient', id: 'p1', access: FULL_ACCESS });

      const { meta, ...rest } = JSON.parse(reply.resource) as { meta: { versionId: string } };
      expect(rest).toEqual(PATIENT);
      expect(meta.versionId).toBe('1');
    });

    it('throws a 404 FhirError for a resource that is not stored', async () => {
      const error = await caught(handler.readResource({ resourceType: 'Patient', id: 'x', access: FULL_ACCESS }));

      expect(error.status).toBe(404);
      expect(error.outcome.issue[0].code).toBe('not-found');
      expect(error.outcome.issue[0].details?.text).toBe('Resource Patient/x not found');
    });
  });

  describe('countResources', () => {
    it('answers how many resources the service stores', async () => {
      await handler.importResources({ source: 'spec', resources: [PATIENT, { resourceType: 'Patient', id: 'p2' }] });

      expect(await handler.countResources()).toEqual({ total: 2 });
    });
  });

  describe('readResourceVersion and readResourceHistory', () => {
    const versioned = (family: string): ResourceToImport => ({
      resourceType: 'Patient',
      id: 'hv1',
      name: [{ family }],
    });

    beforeAll(async () => {
      await handler.importResources({ source: 'spec', resources: [versioned('First')] });
      await handler.importResources({ source: 'spec', resources: [versioned('Second')] });
    });

    const familyOf = (text: string): unknown => (JSON.parse(text) as { name: { family: string }[] }).name[0].family;

    it('answers each stored version by its number', async () => {
      const request = (versionId: number) => ({ resourceType: 'Patient', id: 'hv1', versionId, access: FULL_ACCESS });
      const first = await handler.readResourceVersion(request(1));
      const second = await handler.readResourceVersion(request(2));
      expect([familyOf(first.resource), familyOf(second.resource)]).toEqual(['First', 'Second']);
      const error = await caught(handler.readResourceVersion(request(3)));
      expect(error.status).toBe(404);
      expect(error.outcome.issue[0].details?.text).toBe('Version 3 of resource Patient/hv1 not found');
    });

    it('answers the history newest first, and a 404 for a resource never stored', async () => {
      const reply = await handler.readResourceHistory({ resourceType: 'Patient', id: 'hv1', access: FULL_ACCESS });
      expect(reply.versions.map(familyOf)).toEqual(['Second', 'First']);
      const error = await caught(
        handler.readResourceHistory({ resourceType: 'Patient', id: 'none', access: FULL_ACCESS }),
      );
      expect(error.status).toBe(404);
    });

    it('hides the versions of a resource outside the access context', async () => {
      const access = { patients: ['someone-else'] };
      const history = await caught(handler.readResourceHistory({ resourceType: 'Patient', id: 'hv1', access }));
      const version = await caught(
        handler.readResourceVersion({ resourceType: 'Patient', id: 'hv1', versionId: 1, access }),
      );
      expect([history.status, version.status]).toEqual([404, 404]);
    });
  });

  describe('health', () => {
    it('answers the service name and that its database is up', async () => {
      expect(await handler.health()).toEqual({ service: 'chart', database: 'up' });
    });

    it('answers that the database is down once it no longer answers', async () => {
      const otherDir = mkdtempSync(join(tmpdir(), 'fhir-service-'));
      const other = await startChartService(otherDir);
      await other.app.get(DataSource).destroy();

      const reply = await other.handler.health();

      await other.app.close();
      rmSync(otherDir, { recursive: true, force: true });
      expect(reply).toEqual({ service: 'chart', database: 'down' });
    });
  });
});
