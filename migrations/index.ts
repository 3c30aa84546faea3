import { InitialSchema1795402637087 } from './1795402637087-InitialSchema';
import { SessionsReplayThrottle1795403000000 } from './1795403000000-SessionsReplayThrottle';
import { ApiClients1795404000000 } from './1795404000000-ApiClients';
import { TwoFactorAndSessionInfo1795405000000 } from './1795405000000-TwoFactorAndSessionInfo';
import { OutboxAndPasswordResets1795406000000 } from './1795406000000-OutboxAndPasswordResets';
import { YoungPupilsHomeAccessGuardians1795407000000 } from './1795407000000-YoungPupilsHomeAccessGuardians';
import { ManagementScreen1795408000000 } from './1795408000000-ManagementScreen';
import { SessionTombstones1795409000000 } from './1795409000000-SessionTombstones';
import { LoginHardening1795410000000 } from './1795410000000-LoginHardening';
import { ChangeNotifications1795411000000 } from './1795411000000-ChangeNotifications';
import { MaintenanceWindows1795415000000 } from './1795415000000-MaintenanceWindows';
import { RetentionAndAuditChain1795440000000 } from './1795440000000-RetentionAndAuditChain';
import { PrivacyAnnex1795450000000 } from './1795450000000-PrivacyAnnex';
import { BreachRegister1795460000000 } from './1795460000000-BreachRegister';
import { PortalTiles1795470000000 } from './1795470000000-PortalTiles';
import { MisuseAndSuspension1795480000000 } from './1795480000000-MisuseAndSuspension';
import { ServiceNotices1795481000000 } from './1795481000000-ServiceNotices';
import { Disruptions1795482000000 } from './1795482000000-Disruptions';
import { UpstreamAuthnRequests1795490000000 } from './1795490000000-UpstreamAuthnRequests';
import { UpstreamIdps1795491000000 } from './1795491000000-UpstreamIdps';
import { OidcClients1795500000000 } from './1795500000000-OidcClients';
import { OidcPayloads1795501000000 } from './1795501000000-OidcPayloads';
import { UpstreamSingleLogout1795502000000 } from './1795502000000-UpstreamSingleLogout';
import { UpstreamIdpRefresh1795503000000 } from './1795503000000-UpstreamIdpRefresh';
import { UpstreamIdpDomains1795504000000 } from './1795504000000-UpstreamIdpDomains';
import { OidcLedgerChannel1795505000000 } from './1795505000000-OidcLedgerChannel';

/** Every migration, oldest first. TypeORM records each by name in the `migrations` table. */
export const migrations = [
  InitialSchema1795402637087,
  SessionsReplayThrottle1795403000000,
  ApiClients1795404000000,
  TwoFactorAndSessionInfo1795405000000,
  OutboxAndPasswordResets1795406000000,
  YoungPupilsHomeAccessGuardians1795407000000,
  ManagementScreen1795408000000,
  SessionTombstones1795409000000,
  LoginHardening1795410000000,
  ChangeNotifications1795411000000,
  MaintenanceWindows1795415000000,
  RetentionAndAuditChain1795440000000,
  PrivacyAnnex1795450000000,
  BreachRegister1795460000000,
  PortalTiles1795470000000,
  MisuseAndSuspension1795480000000,
  ServiceNotices1795481000000,
  Disruptions1795482000000,
  UpstreamAuthnRequests1795490000000,
  UpstreamIdps1795491000000,
  OidcClients1795500000000,
  OidcPayloads1795501000000,
  UpstreamSingleLogout1795502000000,
  UpstreamIdpRefresh1795503000000,
  UpstreamIdpDomains1795504000000,
  OidcLedgerChannel1795505000000,
];
