import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AuthSubjects,
  CreateClientReply,
  CreateClientRequest,
  CreateUserReply,
  CreateUserRequest,
  HealthReply,
  IssueTokenRequest,
  JwksReply,
  OAuthHttpReply,
} from '@connector/contracts';
import { ClientAdminService } from './clients/client-admin.service';
import { AuthHealthService } from './health/auth-health.service';
import { SigningKeyService } from './keys/signing-key.service';
import { TokenEndpointService } from './token/token-endpoint.service';
import { UserAdminService } from './users/user-admin.service';

/** The auth service's message handlers: each delegates to the service that owns the job. */
@Controller()
export class AuthHandler {
  constructor(
    private readonly tokenEndpoint: TokenEndpointService,
    private readonly signingKeys: SigningKeyService,
    private readonly userAdmin: UserAdminService,
    private readonly clientAdmin: ClientAdminService,
    private readonly healthService: AuthHealthService,
  ) {}

  @MessagePattern(AuthSubjects.issueToken)
  issueToken(@Payload() request: IssueTokenRequest): Promise<OAuthHttpReply> {
    return this.tokenEndpoint.issueToken(request);
  }

  /** `GetJwksRequest` carries nothing, so the handler takes no payload. */
  @MessagePattern(AuthSubjects.getJwks)
  getJwks(): Promise<JwksReply> {
    return this.signingKeys.jwks();
  }

  @MessagePattern(AuthSubjects.createUser)
  createUser(@Payload() request: CreateUserRequest): Promise<CreateUserReply> {
    return this.userAdmin.createUser(request);
  }

  @MessagePattern(AuthSubjects.createClient)
  createClient(@Payload() request: CreateClientRequest): Promise<CreateClientReply> {
    return this.clientAdmin.createClient(request);
  }

  /** `HealthCheckRequest` carries nothing, so the handler takes no payload. */
  @MessagePattern(AuthSubjects.health)
  health(): Promise<HealthReply> {
    return this.healthService.check();
  }
}
