import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AuthPageReply,
  AuthPageRequest,
  AuthSubjects,
  CreateLaunchReply,
  CreateLaunchRequest,
  CreateClientReply,
  CreateClientRequest,
  CreateUserReply,
  CreateUserRequest,
  HealthReply,
  IssueTokenRequest,
  JwksReply,
  OAuthHttpReply,
  RotateSigningKeyReply,
  TokenStatusReply,
  TokenStatusRequest,
} from '@connector/contracts';
import { AuthorizeFlowService } from './authorize/authorize-flow.service';
import { LaunchContextService } from './authorize/launch-context.service';
import { ClientAdminService } from './clients/client-admin.service';
import { AuthHealthService } from './health/auth-health.service';
import { TokenIntrospectionService } from './introspection/token-introspection.service';
import { SigningKeyService } from './keys/signing-key.service';
import { TokenRevocationService } from './revocation/token-revocation.service';
import { TokenStatusService } from './revocation/token-status.service';
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
    private readonly introspection: TokenIntrospectionService,
    private readonly revocation: TokenRevocationService,
    private readonly tokenStatusService: TokenStatusService,
    private readonly authorizeFlow: AuthorizeFlowService,
    private readonly launches: LaunchContextService,
  ) {}

  @MessagePattern(AuthSubjects.issueToken)
  issueToken(@Payload() request: IssueTokenRequest): Promise<OAuthHttpReply> {
    return this.tokenEndpoint.issueToken(request);
  }

  @MessagePattern(AuthSubjects.authorizePage)
  authorizePage(@Payload() request: AuthPageRequest): Promise<AuthPageReply> {
    return this.authorizeFlow.handle(request);
  }

  @MessagePattern(AuthSubjects.createLaunch)
  createLaunch(@Payload() request: CreateLaunchRequest): Promise<CreateLaunchReply> {
    return this.launches.create(request);
  }

  @MessagePattern(AuthSubjects.introspectToken)
  introspectToken(@Payload() request: IssueTokenRequest): Promise<OAuthHttpReply> {
    return this.introspection.introspect(request);
  }

  @MessagePattern(AuthSubjects.revokeToken)
  revokeToken(@Payload() request: IssueTokenRequest): Promise<OAuthHttpReply> {
    return this.revocation.revoke(request);
  }

  @MessagePattern(AuthSubjects.tokenStatus)
  tokenStatus(@Payload() request: TokenStatusRequest): Promise<TokenStatusReply> {
    return this.tokenStatusService.status(request);
  }

  /** `GetJwksRequest` carries nothing, so the handler takes no payload. */
  @MessagePattern(AuthSubjects.getJwks)
  getJwks(): Promise<JwksReply> {
    return this.signingKeys.jwks();
  }

  /** `RotateSigningKeyRequest` carries nothing, so the handler takes no payload. */
  @MessagePattern(AuthSubjects.rotateSigningKey)
  rotateSigningKey(): Promise<RotateSigningKeyReply> {
    return this.signingKeys.rotate();
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
