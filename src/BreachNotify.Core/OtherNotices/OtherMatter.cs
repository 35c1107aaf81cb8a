namespace BreachNotify.OtherNotices;

/// <summary>
/// What a commander recorded of a matter as received. <see cref="Customers"/> are the customers named; for a data-subject
/// request they may be empty and are then found from <see cref="SubjectIdentifier"/>. The subject's data is kept to that identifier.
/// </summary>
public sealed record OtherMatter
{
    public required OtherNoticeKind Kind { get; init; }

    public IReadOnlyList<string> Customers { get; init; } = [];

    /// <summary>A data-subject request's subject (an email address or a user id): the only personal data of the subject kept.</summary>
    public string? SubjectIdentifier { get; init; }

    /// <summary>When the processor received the request, inquiry or instruction (the contractual clock starts here).</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>What was requested or received, as the notice says it.</summary>
    public required string Summary { get; init; }

    /// <summary>The authority that asked (law-enforcement request, supervisory inquiry).</summary>
    public string? Authority { get; init; }

    /// <summary>What was disclosed, if anything (a law-enforcement request).</summary>
    public string? Disclosure { get; init; }

    /// <summary>The DPA clause or instruction concerned (cannot comply, instruction infringes).</summary>
    public string? Clause { get; init; }

    /// <summary>When required processing starts, or an authority's deadline: the notice is due before it.</summary>
    public DateTimeOffset? RespondBy { get; init; }

    /// <summary>A data-subject request: when the subject made it (the customer's Art. 12(3) month runs from it); else <see cref="ReceivedAt"/>.</summary>
    public DateTimeOffset? SubjectRequestedAt { get; init; }

    public LegalProhibition? Prohibition { get; init; }
}
