import { compileProgram } from '../compile';
import { parseProgramDefinition } from '../program-definition';
import { SEED_CATALOG, SEED_ZONES, seedProgram } from '.';

describe('SEED_CATALOG', () => {
  it('holds every program of the four zones, version 1', () => {
    expect(SEED_CATALOG.map((p) => p.code)).toEqual([
      'ningxiang-htz.talent-introduction',
      'ningxiang-htz.platform-construction',
      'ningxiang-htz.multi-storey-plant',
      'ningxiang-htz.standard-plant-rent',
      'ningxiang-htz.equipment-upgrading',
      'ningxiang-htz.high-tech-enterprise',
      'ningxiang-htz.listing',
      'xixian-new-area.innovative-talents-plan',
      'xixian-new-area.talent-project-co-funding',
      'xixian-new-area.technology-project-introduction',
      'changsha-etdz.rnd-investment',
      'changsha-etdz.achievement-transformation',
      'changsha-etdz.future-industry',
      'changsha-etdz.equipment-upgrade',
      'changsha-etdz.little-giant',
      'changsha-etdz.single-champion',
      'guangzhou-science-city.entrepreneurship-subsidy',
      'guangzhou-science-city.high-tech-enterprise',
    ]);
    for (const p of SEED_CATALOG) expect(p.version).toBe(1);
  });

  it.each(SEED_CATALOG.map((p) => [p.code, p] as const))(
    '%s parses, round-trips and compiles',
    (_code, program) => {
      const reparsed = parseProgramDefinition(JSON.parse(JSON.stringify(program)));
      expect(reparsed).toEqual(program);
      expect(() => compileProgram(reparsed)).not.toThrow();
    },
  );

  it('has unique codes, each in a known zone', () => {
    const codes = SEED_CATALOG.map((p) => p.code);
    expect(new Set(codes).size).toBe(codes.length);
    const zones = SEED_ZONES.map((z) => z.code);
    for (const p of SEED_CATALOG) {
      expect(zones).toContain(p.zone);
      expect(p.code.startsWith(`${p.zone}.`)).toBe(true);
    }
    for (const zone of zones) expect(SEED_CATALOG.some((p) => p.zone === zone)).toBe(true);
  });

  it('says why for every assumed figure', () => {
    for (const p of SEED_CATALOG) {
      for (const [name, parameter] of Object.entries(p.parameters)) {
        if (parameter.origin === 'assumption') {
          expect({ program: p.code, name, note: (parameter.note ?? '').length > 20 }).toEqual({
            program: p.code,
            name,
            note: true,
          });
        }
      }
    }
  });

  it('gives every program of a mode what the mode needs', () => {
    for (const p of SEED_CATALOG) {
      const { settings } = compileProgram(p);
      expect(settings.publicityWorkingDays).toBe(5);
      if (p.mode === 'auto') {
        expect(p.formFields).toEqual([]);
        expect(p.documents).toEqual([]);
        expect(settings.sla.confirmation).toBeDefined();
      } else {
        expect(p.formFields.length).toBeGreaterThan(0);
        expect(p.documents.some((d) => d.mandatory)).toBe(true);
      }
      if (p.mode === 'commitment') expect(settings.sla.postVerification).toBeDefined();
    }
  });

  it('routes large equipment and achievement-transformation projects to experts', () => {
    const experts = SEED_CATALOG.filter((p) => p.route.expertReview !== 'never').map((p) => [
      p.code,
      p.route.expertReview,
    ]);
    expect(experts).toEqual([
      ['ningxiang-htz.equipment-upgrading', 'above'],
      ['xixian-new-area.technology-project-introduction', 'above'],
      ['changsha-etdz.achievement-transformation', 'always'],
      ['changsha-etdz.equipment-upgrade', 'above'],
    ]);
    expect(compileProgram(seedProgram('changsha-etdz.equipment-upgrade')).settings.route).toEqual({
      directorApprovalAboveFen: 50_000_000,
      expertReview: 'above',
      expertReviewAboveFen: 100_000_000,
    });
  });

  it('has one real exclusivity group: the Changsha national honours', () => {
    const grouped = SEED_CATALOG.filter((p) => p.exclusivityGroup).map((p) => [p.code, p.exclusivityGroup]);
    expect(grouped).toEqual([
      ['changsha-etdz.little-giant', 'changsha-etdz.national-manufacturing-honours'],
      ['changsha-etdz.single-champion', 'changsha-etdz.national-manufacturing-honours'],
    ]);
  });

  it('structures policy documents as 1+N', () => {
    for (const zone of SEED_ZONES) {
      const roles = new Map(
        SEED_CATALOG.filter((p) => p.zone === zone.code).map((p) => [
          p.policyDocument.code,
          p.policyDocument.role,
        ]),
      );
      expect([...roles.values()].filter((r) => r === 'main')).toHaveLength(1);
    }
  });

  it('finds programs by code', () => {
    expect(seedProgram('ningxiang-htz.listing').title.en).toBe('Listing award');
    expect(() => seedProgram('nowhere.nothing')).toThrow(RangeError);
  });
});
