using BreachNotify.Parties;

namespace BreachNotify.OtherNotices;

/// <summary>
/// The other notices' one decision function: state + message + time -> events, or a refusal. It reads no clock and
/// touches no storage, and a message it has already acted on yields nothing the second time. Under a legal prohibition an
/// approval freezes the recipients but is held: the notices are due only once the prohibition ends or is lifted.
/// </summary>
public sealed class MatterDecider(ProcessorDirectory directory)
{
    public const int MaxTextLength = 4000;
    public const int MaxIdentifierLength = 320;
    public const int MaxCustomers = 1000;
    private const string SystemActor = "system";

    /// <summary>How far ahead of the server's clock a receipt time may be (clock skew), not more.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public MatterStep Decide(MatterState? state, MatterMessage message, DateTimeOffset now)
    {
        if (message is ReceiveMatter receive)
        {
            return state is { Version: > 0 } ? MatterStep.Nothing : OnReceive(receive, now);
        }

        if (state is not { Version: > 0 })
        {
            return MatterStep.Refuse(MatterRefusal.NotFound("no such matter"));
        }

        return message switch
        {
            DecideMatter m => OnDecision(state, m, now),
            RecordWaiverEffort m => OnWaiverEffort(state, m, now),
            CheckProhibition => OnCheck(state, now),
            RecordMatterAcknowledgement m => OnAcknowledgement(state, m, now),
            RecordReviewMailed m => state.ReviewMailed || !state.ReviewReminded ? MatterStep.Nothing : MatterStep.Of(new ProhibitionReviewMailed(now, SystemActor, m.Commanders)),
            _ => throw new ArgumentOutOfRangeException(nameof(message), message.GetType().Name, "Unknown matter message."),
        };
    }

    /// <summary>The customers a matter concerns, each with its due time; or the first field that is wrong.</summary>
    public (IReadOnlyList<MatterCustomer> Customers, MatterRefusal? Refusal) Resolve(OtherMatter matter, DateTimeOffset now, IReadOnlyList<string>? subjectCustomers = null)
    {
        if (Validate(matter, now) is { } invalid)
        {
            return ([], invalid);
        }

        IReadOnlyList<Customer> customers;
        if (matter.Customers.Count > 0)
        {
            if (matter.Customers.FirstOrDefault(id => directory.Customer(id) is null) is { } unknown)
            {
                return ([], MatterRefusal.Invalid("customers", $"unknown customer '{Clip(unknown)}'"));
            }

            customers = [.. matter.Customers.Distinct(StringComparer.Ordinal).Select(id => directory.Customer(id)!)];
        }
        else if (matter.Kind == OtherNoticeKind.ContactDrill)
        {
            // A drill without names tests every customer's contacts.
            customers = directory.Customers;
        }
        else if (matter.Kind == OtherNoticeKind.DataSubjectRequest)
        {
            customers = MatterAudience.ForSubject(directory, matter.SubjectIdentifier!, subjectCustomers ?? []);
            if (customers.Count == 0)
            {
                return ([], MatterRefusal.Invalid("subjectIdentifier", subjectCustomers is null
                    ? "no customer holds this subject: no customer's subjectIdentifierDomains matches its email domain (name the customers instead)"
                    : "no customer holds this subject: neither a customer's subjectIdentifierDomains nor the deployment's subject lookup found one (name the customers instead)"));
            }
        }
        else
        {
            return ([], MatterRefusal.Invalid("customers", "required: the ids of the customers concerned"));
        }

        return ([.. customers.Select(c => new MatterCustomer(c.Id, MatterClock.DueAt(matter, c, directory.Processor)))], null);
    }

    /// <summary>The first field of the matter that is wrong, or null: checked before the edge asks anything of the subject.</summary>
    public static MatterRefusal? Invalid(OtherMatter matter, DateTimeOffset now) => Validate(matter, now);

    private static MatterRefusal? Validate(OtherMatter m, DateTimeOffset now)
    {
        if (Blank(m.Summary, MaxTextLength))
        {
            return MatterRefusal.Invalid("summary", $"required: what was requested or received, at most {MaxTextLength} characters");
        }

        if (m.ReceivedAt > now + ClockSkew)
        {
            return MatterRefusal.Invalid("receivedAt", "cannot be in the future");
        }

        if (m.Customers.Count > MaxCustomers || m.Customers.Any(c => Blank(c, 200)))
        {
            return MatterRefusal.Invalid("customers", $"at most {MaxCustomers} customer ids, none empty");
        }

        if (m.Kind == OtherNoticeKind.DataSubjectRequest && Blank(m.SubjectIdentifier, MaxIdentifierLength))
        {
            return MatterRefusal.Invalid("subjectIdentifier", $"required for a data-subject request: the subject's email address or user id, at most {MaxIdentifierLength} characters");
        }

        if (m.Kind != OtherNoticeKind.DataSubjectRequest && m.SubjectIdentifier is not null)
        {
            return MatterRefusal.Invalid("subjectIdentifier", "only a data-subject request names a subject");
        }

        foreach (var (field, value) in new[] { ("authority", m.Authority), ("disclosure", m.Disclosure), ("clause", m.Clause) })
        {
            if (value is { Length: > MaxTextLength })
            {
                return MatterRefusal.Invalid(field, $"at most {MaxTextLength} characters");
            }
        }

        if (m.SubjectRequestedAt is { } asked && asked > m.ReceivedAt)
        {
            return MatterRefusal.Invalid("subjectRequestedAt", "cannot be after receivedAt");
        }

        if (m.Kind == OtherNoticeKind.ContactDrill && m.Prohibition is not null)
        {
            return MatterRefusal.Invalid("legalProhibition", "a contact drill is never under a legal prohibition");
        }

        if (m.Prohibition is { } p)
        {
            if (Blank(p.Basis, MaxTextLength))
            {
                return MatterRefusal.Invalid("legalProhibition.basis", "required: the law or order that forbids telling the customer");
            }

            if (p.Until is { } until && until <= m.ReceivedAt)
            {
                return MatterRefusal.Invalid("legalProhibition.until", "must be after receivedAt");
            }

            if (p.ReviewAt is { } review && (review <= m.ReceivedAt || (p.Until is { } end && review >= end)))
            {
                return MatterRefusal.Invalid("legalProhibition.reviewAt", "must be after receivedAt and before until");
            }
        }

        return null;
    }

    private MatterStep OnReceive(ReceiveMatter m, DateTimeOffset now)
    {
        var (customers, refusal) = Resolve(m.Matter, now, m.SubjectCustomers);
        return refusal is not null ? MatterStep.Refuse(refusal) : MatterStep.Of(new MatterReceived(now, Commander(m.CommanderId), m.Matter, customers));
    }

    private MatterStep OnDecision(MatterState state, DecideMatter m, DateTimeOffset now)
    {
        if (m.Comment is { Length: > MaxTextLength })
        {
            return MatterStep.Refuse(MatterRefusal.Invalid("comment", $"at most {MaxTextLength} characters"));
        }

        if (m.ReviewAt is not null && m.Decision != MatterDecisionKind.SetReview)
        {
            return MatterStep.Refuse(MatterRefusal.Invalid("reviewAt", "only the decision set-review takes a review date"));
        }

        var actor = Commander(m.CommanderId);
        if (m.Decision == MatterDecisionKind.SetReview)
        {
            return OnSetReview(state, actor, m, now);
        }

        return (m.Decision, state.Status) switch
        {
            (MatterDecisionKind.Approve, MatterStatus.Approved) or (MatterDecisionKind.Reject, MatterStatus.Rejected) => MatterStep.Nothing,
            (MatterDecisionKind.Approve, MatterStatus.AwaitingDecision) => MatterStep.Of(new MatterApproved(
                now, actor, m.Comment, MatterAudience.Recipients(directory, state.Matter!.Kind, state.Customers), state.ProhibitionInForce)),
            (MatterDecisionKind.Reject, MatterStatus.AwaitingDecision) => MatterStep.Of(new MatterRejected(now, actor, m.Comment)),
            (MatterDecisionKind.LiftProhibition, _) => OnLift(state, actor, m.Comment, now),
            _ => MatterStep.Refuse(MatterRefusal.Conflict($"the matter is {state.Status.ToString().ToLowerInvariant()}")),
        };
    }

    private static MatterStep OnLift(MatterState state, string actor, string? comment, DateTimeOffset now) =>
        state.Matter?.Prohibition is null ? MatterStep.Refuse(MatterRefusal.Conflict("the matter has no legal prohibition"))
        : !state.ProhibitionInForce ? MatterStep.Nothing
        : state.Status == MatterStatus.Rejected ? MatterStep.Refuse(MatterRefusal.Conflict("the matter is rejected"))
        : MatterStep.Of(new ProhibitionLifted(now, actor, Ended: false, comment));

    /// <summary>
    /// A new review date for a prohibition that still holds: in the future and before its end if that is known. Its
    /// reminder is owed again (once), at that date; the same date asked again while its reminder is still owed does nothing.
    /// </summary>
    private static MatterStep OnSetReview(MatterState state, string actor, DecideMatter m, DateTimeOffset now)
    {
        if (m.ReviewAt is not { } reviewAt)
        {
            return MatterStep.Refuse(MatterRefusal.Invalid("reviewAt", "required for set-review: an ISO 8601 date and time with its offset"));
        }

        if (state.Matter?.Prohibition is not { } p)
        {
            return MatterStep.Refuse(MatterRefusal.Conflict("the matter has no legal prohibition"));
        }

        if (!state.ProhibitionInForce)
        {
            return MatterStep.Refuse(MatterRefusal.Conflict("the legal prohibition no longer holds"));
        }

        if (state.Status == MatterStatus.Rejected)
        {
            return MatterStep.Refuse(MatterRefusal.Conflict("the matter is rejected"));
        }

        if (reviewAt <= now)
        {
            return MatterStep.Refuse(MatterRefusal.Invalid("reviewAt", "must be in the future"));
        }

        if (p.Until is { } until && reviewAt >= until)
        {
            return MatterStep.Refuse(MatterRefusal.Invalid("reviewAt", $"must be before the prohibition ends ({until.UtcDateTime:yyyy-MM-dd HH:mm} UTC)"));
        }

        return state.ReviewAt == reviewAt && !state.ReviewReminded
            ? MatterStep.Nothing
            : MatterStep.Of(new ProhibitionReviewRescheduled(now, actor, reviewAt, m.Comment));
    }

    private static MatterStep OnWaiverEffort(MatterState state, RecordWaiverEffort m, DateTimeOffset now) =>
        Blank(m.Text, MaxTextLength) ? MatterStep.Refuse(MatterRefusal.Invalid("text", $"required: what was done to have the prohibition waived, at most {MaxTextLength} characters"))
        : !state.ProhibitionInForce ? MatterStep.Refuse(MatterRefusal.Conflict("no legal prohibition holds on this matter"))
        : MatterStep.Of(new WaiverEffortRecorded(now, Commander(m.CommanderId), m.Text.Trim()));

    /// <summary>The prohibition's timer: its end releases the notices; its current review date (once each) reminds the commanders.</summary>
    private static MatterStep OnCheck(MatterState state, DateTimeOffset now)
    {
        if (!state.ProhibitionInForce || state.Matter?.Prohibition is not { } p)
        {
            return MatterStep.Nothing;
        }

        if (p.Until is { } until && until <= now)
        {
            return MatterStep.Of(new ProhibitionLifted(now, SystemActor, Ended: true, null));
        }

        return state.ReviewAt is { } review && review <= now && !state.ReviewReminded && state.Status != MatterStatus.Rejected
            ? MatterStep.Of(new ProhibitionReviewDue(now, SystemActor, review))
            : MatterStep.Nothing;
    }

    private static MatterStep OnAcknowledgement(MatterState state, RecordMatterAcknowledgement m, DateTimeOffset now)
    {
        if (!state.Sending)
        {
            return MatterStep.Refuse(MatterRefusal.Conflict("the matter's notices are not out"));
        }

        // Frozen in rows, the state keeps no list: the customers concerned are those the notices went to (a link names one).
        if (state.Frozen is null ? state.Recipients.All(r => r.CustomerId != m.CustomerId) : state.Customer(m.CustomerId) is null)
        {
            return MatterStep.Refuse(MatterRefusal.NotFound("no notice of this matter went to that customer"));
        }

        // The first answer of a customer stands.
        var basis = state.Matter!.Kind == OtherNoticeKind.DataSubjectRequest ? AcknowledgementBasis.ReceivedByDpo : AcknowledgementBasis.Acknowledged;
        return state.AcknowledgementOf(m.CustomerId) is not null ? MatterStep.Nothing : MatterStep.Of(new MatterAcknowledged(now, m.By, m.CustomerId, basis));
    }

    /// <summary>When the matter's timer next needs to run (its prohibition's end or review date), or null.</summary>
    public static DateTimeOffset? NextCheckAt(MatterState state) =>
        !state.ProhibitionInForce || state.Matter?.Prohibition is not { } p || state.Status == MatterStatus.Rejected ? null
        : new[] { p.Until, state.ReviewReminded ? null : state.ReviewAt }.Where(t => t is not null).Min();

    private static string Commander(string id) => $"commander:{id}";

    private static bool Blank(string? value, int max) => string.IsNullOrWhiteSpace(value) || value.Length > max;

    private static string Clip(string value) => value.Length <= 60 ? value : value[..60];
}
