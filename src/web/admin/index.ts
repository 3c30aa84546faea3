import { Router } from 'express';
import type { AgreementService } from '../../domain/agreements/agreement.service';
import type { DisruptionService } from '../../domain/disruptions/disruption.service';
import type { AccountService } from '../../domain/identity/account.service';
import type { PasswordResetService } from '../../domain/identity/password-reset.service';
import type { TwoFactorService } from '../../domain/identity/two-factor.service';
import type { PersonRecordsService } from '../../domain/identity/person-records.service';
import type { SchoolService } from '../../domain/identity/school.service';
import type { LicenceService } from '../../domain/licensing/licence.service';
import type { PortalOrderService } from '../../domain/licensing/portal-order';
import type { MisuseService } from '../../domain/misuse/misuse.service';
import type { Repositories } from '../../domain/ports';
import type { RosterImportService } from '../../domain/roster/import.service';
import { agreementRoutes } from './agreement.routes';
import { disruptionRoutes } from './disruptions.routes';
import { adminGuard } from './context';
import { importRoutes } from './import.routes';
import { ledgerAuditRoutes } from './ledger-audit.routes';
import { licenceRoutes } from './licences.routes';
import type { PrivacyAnnexService } from '../../release/annex.service';
import { peopleRoutes } from './people.routes';
import { portalOrderRoutes } from './portal-order.routes';
import { settingsRoutes } from './settings.routes';
import { schoolLoginRoutes, type UpstreamMetadataReader } from './school-login.routes';
import type { UpstreamIdpService } from '../../domain/federation/upstream-idp.service';

export interface AdminDependencies {
  readonly repos: Repositories;
  readonly agreements: AgreementService;
  readonly records: PersonRecordsService;
  readonly licences: LicenceService;
  readonly portalOrder: PortalOrderService;
  readonly schools: SchoolService;
  readonly accounts: AccountService;
  readonly rosterImport: RosterImportService;
  readonly passwordReset: PasswordResetService;
  readonly twoFactor: TwoFactorService;
  /** Widened privacy annexes the school accepts (DPA art. 13.3). */
  readonly privacyAnnex: PrivacyAnnexService;
  readonly baseUrl: string;
  readonly secure: boolean;
  /** Disruption reports (agreement art. 5). */
  readonly disruptions: DisruptionService;
  /** The school board's address for art. 12 mail, set by the delegate in the settings. */
  readonly misuse: MisuseService;
  /** The school's own IdP ("Inloggen met schoolaccount"), registered by the delegate. */
  readonly upstreamIdps: UpstreamIdpService;
  readonly upstreamMetadata: UpstreamMetadataReader;
}

/** The school management screen (beheerscherm) under /admin: every route behind the delegate guard. */
export function adminRoutes(deps: AdminDependencies): Router {
  const router = Router();
  router.use('/admin', adminGuard(deps));
  router.use(agreementRoutes(deps));
  router.use(peopleRoutes(deps));
  router.use(licenceRoutes(deps));
  router.use(settingsRoutes(deps));
  router.use(portalOrderRoutes(deps));
  router.use(ledgerAuditRoutes(deps));
  router.use(importRoutes(deps));
  router.use(disruptionRoutes(deps));
  router.use(schoolLoginRoutes(deps));
  return router;
}
