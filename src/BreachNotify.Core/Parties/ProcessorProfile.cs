namespace BreachNotify.Parties;

public sealed record ProcessorProfile
{
    public required string Name { get; init; }

    public string? PublicBaseUrl { get; init; }

    /// <summary>The notice limit for recipients whose contract names none.</summary>
    public int DefaultNoticeLimitHours { get; init; } = 24;

    /// <summary>Where customers reach the processor's privacy team (GDPR Art. 33(3)(b) contact point).</summary>
    public string? ContactEmail { get; init; }

    /// <summary>Days of notice before a sub-processor change takes effect, for customers whose contract names none (DPA: 15).</summary>
    public int DefaultSubprocessorNoticeDays { get; init; } = 15;

    /// <summary>Days a customer may object to a sub-processor change, from the notice, when its contract names none (DPA: 15).</summary>
    public int DefaultObjectionDays { get; init; } = 15;

    /// <summary>Days the processor has to cure a customer's objection to a sub-processor change, from the objection (DPA: 30).</summary>
    public int DefaultCureDays { get; init; } = 30;

    /// <summary>Hours within which a data-subject request received directly is forwarded, when the contract names none (default 48).</summary>
    public int DefaultDataSubjectRequestForwardHours { get; init; } = 48;

    /// <summary>
    /// Hours within which the other notices (law-enforcement request, supervisory inquiry, cannot comply, instruction infringes,
    /// required processing) are due: the DPA says "without undue delay" or "promptly"; the default reads that as 24.
    /// </summary>
    public int DefaultMatterNoticeHours { get; init; } = 24;
}
