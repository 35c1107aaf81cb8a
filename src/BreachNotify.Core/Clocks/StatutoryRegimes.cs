namespace BreachNotify.Clocks;

/// <summary>Every row of shared/reference/breach-deadlines.md, keyed by the jurisdiction codes customers carry in the directory.</summary>
public static class StatutoryRegimes
{
    public static IReadOnlyList<StatutoryRegime> All { get; } =
    [
        new("GDPR", "GDPR Art. 33(2)", "processor -> controller", LimitKind.Qualitative, 0, "without undue delay", "processor becomes aware", "GDPR Art. 33", ConfirmationLevel.Confirmed),
        new("GDPR", "GDPR Art. 33(1)", "controller -> supervisory authority", LimitKind.Hours, 72, "72 hours where feasible", "controller becomes aware", "GDPR Art. 33", ConfirmationLevel.Confirmed),
        new("GDPR", "GDPR Art. 34", "controller -> data subjects (high risk only)", LimitKind.Qualitative, 0, "without undue delay", "controller becomes aware", "GDPR Art. 34", ConfirmationLevel.Confirmed),
        new("UK-GDPR", "UK GDPR", "controller -> ICO", LimitKind.Hours, 72, "72 hours (PECR service providers: 24 hours)", "becomes aware", "ICO guidance", ConfirmationLevel.Confirmed),
        new("US-CO", "Colorado C.R.S. 6-1-716", "-> residents", LimitKind.CalendarDays, 30, "30 days", "determination of breach", "HB18-1128 commentary", ConfirmationLevel.Secondary),
        new("US-FL", "Florida s.501.171", "-> individuals; Dept. of Legal Affairs if >= 500", LimitKind.CalendarDays, 30, "30 days", "determination", "law-firm chart", ConfirmationLevel.Secondary),
        new("US-WA", "Washington RCW 19.255.010", "-> residents; Attorney General if > 500", LimitKind.CalendarDays, 30, "30 days", "discovery", "Washington AG site", ConfirmationLevel.Confirmed),
        new("US-TX", "Texas Bus. & Com. Code s.521.053", "-> Attorney General (>= 250 residents)", LimitKind.CalendarDays, 30, "30 days", "determination", "statute text (SB 768)", ConfirmationLevel.Confirmed),
        new("US-TX", "Texas Bus. & Com. Code s.521.053", "-> individuals", LimitKind.CalendarDays, 60, "60 days", "determination", "statute text (SB 768)", ConfirmationLevel.Confirmed),
        new("US-VT", "Vermont", "-> Attorney General (preliminary)", LimitKind.BusinessDays, 14, "14 business days", "discovery", "law-firm commentary", ConfirmationLevel.Secondary),
        new("US-PR", "Puerto Rico", "-> Department of Consumer Affairs", LimitKind.CalendarDays, 10, "10 days", "discovery", "law-firm commentary", ConfirmationLevel.Secondary),
        new("HIPAA", "HIPAA 45 CFR 164.404/.410", "business associate -> covered entity; covered entity -> individuals", LimitKind.CalendarDays, 60, "60 calendar days", "discovery", "CFR text", ConfirmationLevel.Confirmed),
        new("HIPAA", "HIPAA 45 CFR 164.408", "covered entity -> HHS", LimitKind.Qualitative, 0, "with individual notice if >= 500; else within 60 days of year end", "discovery", "CFR text", ConfirmationLevel.Confirmed),
        new("US-NY-DFS", "NYDFS 23 NYCRR 500.17(a)", "covered entity -> Superintendent", LimitKind.Hours, 72, "72 hours", "determination that an incident occurred", "regulation text", ConfirmationLevel.Confirmed),
        new("SEC", "SEC Form 8-K Item 1.05", "registrant -> public filing", LimitKind.BusinessDays, 4, "4 business days", "materiality determination", "SEC Release 33-11216", ConfirmationLevel.Confirmed),
        new("SG-PDPA", "Singapore PDPA s.26D", "organisation -> PDPC", LimitKind.CalendarDays, 3, "3 calendar days", "assessment that the breach is notifiable", "statute text", ConfirmationLevel.Confirmed),
        new("AU-NDB", "Australia NDB (Privacy Act s.26WH/26WK)", "entity -> OAIC", LimitKind.CalendarDays, 30, "assess within 30 days; statement as soon as practicable", "reasonable suspicion", "statute text", ConfirmationLevel.Confirmed),
        new("BR-LGPD", "Brazil LGPD, ANPD Resolution CD/ANPD 15/2024", "controller -> ANPD and data subjects", LimitKind.BusinessDays, 3, "3 business days (6 for small agents)", "knowledge of the incident", "law-firm commentary", ConfirmationLevel.Secondary),
        new("CA-PIPEDA", "Canada PIPEDA s.10.1", "organisation -> OPC and individuals", LimitKind.Qualitative, 0, "as soon as feasible", "determination that a breach occurred", "statute text", ConfirmationLevel.Confirmed),
        new("IN-DPDP", "India DPDP Rules 2025, Rule 7", "fiduciary -> Data Protection Board", LimitKind.Hours, 72, "without delay; detailed report within 72 hours", "becoming aware", "rule text commentary", ConfirmationLevel.Secondary),
        new("CN-PIPL", "China PIPL Art. 57", "handler -> authorities and individuals", LimitKind.Qualitative, 0, "immediately", "occurrence", "translation", ConfirmationLevel.Secondary),
        new("JP-APPI", "Japan APPI Art. 26", "business -> PPC", LimitKind.CalendarDays, 60, "preliminary report promptly; final within 60 days (unlawful purpose)", "awareness", "PPC summary", ConfirmationLevel.Secondary),
    ];

    public static IEnumerable<StatutoryRegime> For(string jurisdiction) =>
        All.Where(r => string.Equals(r.Jurisdiction, jurisdiction, StringComparison.OrdinalIgnoreCase));
}
