"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SchoolService = void 0;
exports.findSchoolByBrin = findSchoolByBrin;
const errors_1 = require("../errors");
const brin_1 = require("./brin");
const school_network_1 = require("./school-network");
/** Looks a school up by BRIN (with or without dependance code); unknown → NotFoundError. */
async function findSchoolByBrin(repos, brinInput) {
    const code = (0, brin_1.parseBrin)(brinInput);
    const [school] = await repos.schools.findByBrin(code.brin, code.dependanceCode);
    if (!school)
        throw new errors_1.NotFoundError(`unknown school ${(0, brin_1.formatBrin)(code)}`);
    return school;
}
class SchoolService {
    uow;
    constructor(uow) {
        this.uow = uow;
    }
    /** Home access (thuistoegang, annex B.2): logins from outside the school network, toggled by the school. */
    async setHomeAccess(brin, enabled, actor) {
        return this.uow.run(async (repos) => {
            const school = await findSchoolByBrin(repos, brin);
            await repos.schools.setHomeAccess(school.id, enabled);
            await repos.audit.record({
                actor,
                action: enabled ? 'school.home_access.on' : 'school.home_access.off',
                outcome: 'success',
                schoolId: school.id,
                targetType: 'school',
                targetId: school.id,
            });
            return (await repos.schools.findById(school.id));
        });
    }
    /** Replaces the school's own network ranges (CIDR); pupils log in only from these unless home access is on. */
    async setNetworks(brin, networks, actor) {
        const parsed = (0, school_network_1.parseNetworks)(networks);
        return this.uow.run(async (repos) => {
            const school = await findSchoolByBrin(repos, brin);
            await repos.schoolNetworks.replace(school.id, parsed);
            await repos.audit.record({
                actor,
                action: 'school.networks.set',
                outcome: 'success',
                schoolId: school.id,
                targetType: 'school',
                targetId: school.id,
                details: { networks: parsed },
            });
            return repos.schoolNetworks.list(school.id);
        });
    }
    async networks(brin) {
        return this.uow.run(async (repos) => repos.schoolNetworks.list((await findSchoolByBrin(repos, brin)).id));
    }
    /** Two-step verification for the school's teachers (delegates always have it). */
    async setTeacherTwoFactor(brin, required, actor) {
        return this.uow.run(async (repos) => {
            const school = await findSchoolByBrin(repos, brin);
            await repos.schools.setTeacher2faRequired(school.id, required);
            await repos.audit.record({
                actor,
                action: required ? 'school.teacher_2fa.on' : 'school.teacher_2fa.off',
                outcome: 'success',
                schoolId: school.id,
                targetType: 'school',
                targetId: school.id,
            });
            return (await repos.schools.findById(school.id));
        });
    }
    async add(input, actor) {
        const code = (0, brin_1.parseBrin)(input.brin);
        const name = input.name.trim();
        if (!name)
            throw new errors_1.ValidationError('school name must not be empty');
        if (input.assuNumber != null && !/^\d{1,10}$/.test(input.assuNumber)) {
            throw new errors_1.ValidationError(`invalid ASSU number '${input.assuNumber}': digits only`);
        }
        return this.uow.run(async (repos) => {
            const school = await repos.schools.insert({
                ...code,
                name,
                assuNumber: input.assuNumber ?? null,
                visitingAddress: input.visitingAddress ?? null,
            });
            await repos.audit.record({
                actor,
                action: 'school.add',
                outcome: 'success',
                schoolId: school.id,
                targetType: 'school',
                targetId: school.id,
                details: { brin: (0, brin_1.formatBrin)(code) },
            });
            return school;
        });
    }
}
exports.SchoolService = SchoolService;
//# sourceMappingURL=school.service.js.map