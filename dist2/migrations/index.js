"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.migrations = void 0;
const _1795402637087_InitialSchema_1 = require("./1795402637087-InitialSchema");
const _1795403000000_SessionsReplayThrottle_1 = require("./1795403000000-SessionsReplayThrottle");
const _1795404000000_ApiClients_1 = require("./1795404000000-ApiClients");
const _1795405000000_TwoFactorAndSessionInfo_1 = require("./1795405000000-TwoFactorAndSessionInfo");
const _1795406000000_OutboxAndPasswordResets_1 = require("./1795406000000-OutboxAndPasswordResets");
const _1795407000000_YoungPupilsHomeAccessGuardians_1 = require("./1795407000000-YoungPupilsHomeAccessGuardians");
const _1795408000000_ManagementScreen_1 = require("./1795408000000-ManagementScreen");
const _1795409000000_SessionTombstones_1 = require("./1795409000000-SessionTombstones");
const _1795410000000_LoginHardening_1 = require("./1795410000000-LoginHardening");
const _1795411000000_ChangeNotifications_1 = require("./1795411000000-ChangeNotifications");
const _1795415000000_MaintenanceWindows_1 = require("./1795415000000-MaintenanceWindows");
/** Every migration, oldest first. TypeORM records each by name in the `migrations` table. */
exports.migrations = [
    _1795402637087_InitialSchema_1.InitialSchema1795402637087,
    _1795403000000_SessionsReplayThrottle_1.SessionsReplayThrottle1795403000000,
    _1795404000000_ApiClients_1.ApiClients1795404000000,
    _1795405000000_TwoFactorAndSessionInfo_1.TwoFactorAndSessionInfo1795405000000,
    _1795406000000_OutboxAndPasswordResets_1.OutboxAndPasswordResets1795406000000,
    _1795407000000_YoungPupilsHomeAccessGuardians_1.YoungPupilsHomeAccessGuardians1795407000000,
    _1795408000000_ManagementScreen_1.ManagementScreen1795408000000,
    _1795409000000_SessionTombstones_1.SessionTombstones1795409000000,
    _1795410000000_LoginHardening_1.LoginHardening1795410000000,
    _1795411000000_ChangeNotifications_1.ChangeNotifications1795411000000,
    _1795415000000_MaintenanceWindows_1.MaintenanceWindows1795415000000,
];
//# sourceMappingURL=index.js.map