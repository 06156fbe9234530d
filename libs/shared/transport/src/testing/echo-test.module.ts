import { Controller, Module } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { IsInt, IsString, Min } from 'class-validator';
import { FhirError } from '@connector/fhir-outcomes';
import { requestContext } from '@connector/shared-logging';

/*
 * A tiny service used by the transport's own specs (in-process and NATS): the same handler pipeline a real service
 * gets, with handlers that succeed, fail as data, crash, stall and echo the request context.
 */

export class EchoRequest {
  @IsString()
  text!: string;

  @IsInt()
  @Min(0)
  delayMs!: number;
}

export class EchoReply {
  @IsString()
  text!: string;

  @IsString()
  requestId!: string;
}

export class LengthReply {
  @IsInt()
  length!: number;
}

export function echoSubjects(prefix: string) {
  return {
    echo: `${prefix}.echo.send`,
    notFound: `${prefix}.echo.not-found`,
    crash: `${prefix}.echo.crash`,
    badReply: `${prefix}.echo.bad-reply`,
    length: `${prefix}.echo.length`,
  } as const;
}

/** Builds the module for a subject prefix (each spec run gets its own subjects on a shared NATS server). */
export function createEchoTestModule(prefix: string) {
  const subjects = echoSubjects(prefix);

  @Controller()
  class EchoHandler {
    @MessagePattern(subjects.echo)
    async echo(@Payload() request: EchoRequest): Promise<EchoReply> {
      await new Promise((resolve) => setTimeout(resolve, request.delayMs));
      return { text: request.text, requestId: requestContext.requestId() ?? 'none' };
    }

    @MessagePattern(subjects.notFound)
    notFound(): never {
      throw FhirError.resourceNotFound('Patient', 'missing');
    }

    @MessagePattern(subjects.crash)
    crash(): never {
      throw new Error('secret internals: connection string postgres://user:pw@db');
    }

    @MessagePattern(subjects.badReply)
    badReply(): object {
      return { text: 42 };
    }

    @MessagePattern(subjects.length)
    length(@Payload() request: EchoRequest): LengthReply {
      return { length: request.text.length };
    }
  }

  @Module({ controllers: [EchoHandler] })
  class EchoTestModule {}

  return EchoTestModule;
}
