using BreachNotify.Parties;

namespace BreachNotify.OtherNotices;

/// <summary>
/// The contractual clocks of the other notices, counted from receipt. A data-subject request is forwarded within the
/// customer's <c>dataSubjectRequestForwardHours</c> (processor default 48); every other kind is due "without undue delay",
/// read as the processor's <c>defaultMatterNoticeHours</c> (default 24). A matter with <see cref="OtherMatter.RespondBy"/>
/// (processing starting, an authority's deadline) is due by then if that is sooner. A prohibition does not move the due
/// time: a notice released after it is late, and says why.
/// </summary>
public static class MatterClock
{
    public static DateTimeOffset DueAt(OtherMatter matter, Customer customer, ProcessorProfile processor)
    {
        var hours = matter.Kind == OtherNoticeKind.DataSubjectRequest
            ? customer.DataSubjectRequestForwardHours ?? processor.DefaultDataSubjectRequestForwardHours
            : processor.DefaultMatterNoticeHours;
        var due = matter.ReceivedAt.AddHours(hours);
        return matter.RespondBy is { } by && by < due ? by : due;
    }

    /// <summary>The customer's own Art. 12(3) GDPR deadline to answer the subject: one month from the subject's request.</summary>
    public static DateTimeOffset SubjectAnswerDue(OtherMatter matter) => (matter.SubjectRequestedAt ?? matter.ReceivedAt).AddMonths(1);

    /// <summary>Art. 12(3): extendable by two further months where necessary (the subject told within the first month).</summary>
    public static DateTimeOffset SubjectAnswerDueExtended(OtherMatter matter) => (matter.SubjectRequestedAt ?? matter.ReceivedAt).AddMonths(3);
}
