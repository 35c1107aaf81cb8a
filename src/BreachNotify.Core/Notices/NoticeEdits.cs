namespace BreachNotify.Notices;

/// <summary>
/// A commander's wording for a customer notice, in place of the generated text. A null field keeps what is there;
/// an empty one returns to the generated text. <see cref="Message"/> is an extra paragraph.
/// </summary>
public sealed record CustomerNoticeEdits
{
    public string? Nature { get; init; }

    public string? Description { get; init; }

    public string? Consequences { get; init; }

    public string? Measures { get; init; }

    public string? Message { get; init; }
}

/// <summary>A commander's wording for a sub-processor notice; as <see cref="CustomerNoticeEdits"/>.</summary>
public sealed record SubprocessorNoticeEdits
{
    public string? Description { get; init; }

    public string? Request { get; init; }

    public string? Message { get; init; }
}

/// <summary>The edits of the notices' text, per audience: applied by the composer to every notice of that audience.</summary>
public sealed record NoticeEdits
{
    /// <summary>The most characters one edited field may have.</summary>
    public const int MaxFieldLength = 4000;

    /// <summary>The fields a commander may edit, per audience (as named in the API).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Fields { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        ["customer"] = ["nature", "description", "consequences", "measures", "message"],
        ["subprocessor"] = ["description", "request", "message"],
    };

    public CustomerNoticeEdits? Customer { get; init; }

    public SubprocessorNoticeEdits? Subprocessor { get; init; }

    public bool IsEmpty => FieldNames().Count == 0;

    /// <summary>Builds edits from audience -> field -> text (names as in <see cref="Fields"/>; the caller has validated them).</summary>
    public static NoticeEdits From(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>> edits)
    {
        string? Get(string audience, string field) =>
            edits.TryGetValue(audience, out var fields) && fields.TryGetValue(field, out var value) ? value : null;

        return new NoticeEdits
        {
            Customer = edits.ContainsKey("customer")
                ? new CustomerNoticeEdits
                {
                    Nature = Get("customer", "nature"),
                    Description = Get("customer", "description"),
                    Consequences = Get("customer", "consequences"),
                    Measures = Get("customer", "measures"),
                    Message = Get("customer", "message"),
                }
                : null,
            Subprocessor = edits.ContainsKey("subprocessor")
                ? new SubprocessorNoticeEdits
                {
                    Description = Get("subprocessor", "description"),
                    Request = Get("subprocessor", "request"),
                    Message = Get("subprocessor", "message"),
                }
                : null,
        };
    }

    /// <summary>The edited fields, as <c>audience.field</c>: what the timeline shows (never the text).</summary>
    public IReadOnlyList<string> FieldNames()
    {
        var names = new List<string>();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                names.Add(name);
            }
        }

        Add("customer.nature", Customer?.Nature);
        Add("customer.description", Customer?.Description);
        Add("customer.consequences", Customer?.Consequences);
        Add("customer.measures", Customer?.Measures);
        Add("customer.message", Customer?.Message);
        Add("subprocessor.description", Subprocessor?.Description);
        Add("subprocessor.request", Subprocessor?.Request);
        Add("subprocessor.message", Subprocessor?.Message);
        return names;
    }

    /// <summary>These edits with <paramref name="later"/> on top: its non-null fields win; an empty field returns to the generated text.</summary>
    public NoticeEdits Merge(NoticeEdits later)
    {
        static string? Pick(string? earlier, string? next) => next is null ? earlier : next.Length == 0 ? null : next;

        var customer = new CustomerNoticeEdits
        {
            Nature = Pick(Customer?.Nature, later.Customer?.Nature),
            Description = Pick(Customer?.Description, later.Customer?.Description),
            Consequences = Pick(Customer?.Consequences, later.Customer?.Consequences),
            Measures = Pick(Customer?.Measures, later.Customer?.Measures),
            Message = Pick(Customer?.Message, later.Customer?.Message),
        };
        var subprocessor = new SubprocessorNoticeEdits
        {
            Description = Pick(Subprocessor?.Description, later.Subprocessor?.Description),
            Request = Pick(Subprocessor?.Request, later.Subprocessor?.Request),
            Message = Pick(Subprocessor?.Message, later.Subprocessor?.Message),
        };
        return new NoticeEdits
        {
            Customer = customer == new CustomerNoticeEdits() ? null : customer,
            Subprocessor = subprocessor == new SubprocessorNoticeEdits() ? null : subprocessor,
        };
    }
}
