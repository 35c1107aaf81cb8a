namespace BreachNotify.Parties;

/// <summary>A controller whose personal data the processor handles.</summary>
public sealed record Customer
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public IReadOnlyList<string> Regions { get; init; } = [];

    public IReadOnlyList<string> Jurisdictions { get; init; } = [];

    public IReadOnlyList<string> OptIns { get; init; } = [];

    /// <summary>The contractual limit for telling this customer; null means the processor default.</summary>
    public int? NoticeLimitHours { get; init; }

    public IReadOnlyList<Contact> Contacts { get; init; } = [];

    /// <summary>Days of notice the contract gives before a sub-processor change takes effect; null means the processor default.</summary>
    public int? SubprocessorNoticeDays { get; init; }

    /// <summary>Days the customer may object to a sub-processor change, counted from the notice; null means the processor default.</summary>
    public int? ObjectionDays { get; init; }

    /// <summary>
    /// The services (not opt-in) the customer uses; null means every service that is not opt-in.
    /// An opt-in service is used only by the customers who opted into it (<see cref="OptIns"/>).
    /// </summary>
    public IReadOnlyList<string>? Services { get; init; }

    /// <summary>Whether the customer's data is in <paramref name="service"/>.</summary>
    public bool Uses(Service service) =>
        service.OptIn
            ? OptIns.Contains(service.Id, StringComparer.Ordinal)
            : Services is null || Services.Contains(service.Id, StringComparer.Ordinal);

    /// <summary>
    /// Who receives sub-processor change notices: the contacts with role <c>subprocessor-changes</c>, else the
    /// <c>privacy</c> contacts, else every contact (so a concerned customer is never left without a notice).
    /// </summary>
    public IReadOnlyList<Contact> SubprocessorChangeContacts =>
        Contacts.Where(c => c.HasRole(SubprocessorChangesRole)).ToList() is { Count: > 0 } named ? named
        : Contacts.Where(c => c.HasRole("privacy")).ToList() is { Count: > 0 } privacy ? privacy
        : Contacts;

    /// <summary>The contact role that receives sub-processor change notices.</summary>
    public const string SubprocessorChangesRole = "subprocessor-changes";

    /// <summary>
    /// The email domains of this customer's data subjects (for example <c>example.com</c>): a data-subject request received
    /// directly is routed to every customer whose list holds its identifier's domain (matched exactly, case-insensitive).
    /// </summary>
    public IReadOnlyList<string> SubjectIdentifierDomains { get; init; } = [];

    /// <summary>Hours within which a data-subject request received directly is forwarded (DPA §3(a)); null means the processor default.</summary>
    public int? DataSubjectRequestForwardHours { get; init; }

    /// <summary>The contact role that receives forwarded data-subject requests before the <c>privacy</c> contacts.</summary>
    public const string DataSubjectRequestsRole = "data-subject-requests";

    /// <summary>Optional: the supervisory authority the customer files its own breach notifications with (prefills its controller pack).</summary>
    public string? SupervisoryAuthority { get; init; }

    /// <summary>Optional: the language the customer files in (a BCP 47 tag); else its first contact's locale.</summary>
    public string? Language { get; init; }

    /// <summary>Optional: the customer asked for its notices also as a signed webhook.</summary>
    public Webhook? Webhook { get; init; }
}
