using BreachNotify.Parties;

namespace BreachNotify.SubprocessorChanges;

/// <summary>
/// One concerned customer's terms for a change: the notice must be sent by <see cref="NoticeSentBy"/>
/// (effective time less its notice days), and it may object until <see cref="ObjectByAt"/> (the notice's time plus its
/// objection days). Before approval the notice's time is the announcement's; approval fixes it.
/// </summary>
public sealed record ObjectionWindow(string CustomerId, int NoticeDays, int ObjectionDays, DateTimeOffset NoticeSentBy, DateTimeOffset NoticeAt, DateTimeOffset ObjectByAt)
{
    public static ObjectionWindow For(Customer customer, ProcessorProfile processor, DateTimeOffset effectiveAt, DateTimeOffset noticeAt)
    {
        var noticeDays = customer.SubprocessorNoticeDays ?? processor.DefaultSubprocessorNoticeDays;
        var objectionDays = customer.ObjectionDays ?? processor.DefaultObjectionDays;
        return new(customer.Id, noticeDays, objectionDays, effectiveAt.AddDays(-noticeDays), noticeAt, noticeAt.AddDays(objectionDays));
    }

    /// <summary>The same terms with the notice sent at <paramref name="noticeAt"/>.</summary>
    public ObjectionWindow SentAt(DateTimeOffset noticeAt) => this with { NoticeAt = noticeAt, ObjectByAt = noticeAt.AddDays(ObjectionDays) };

    /// <summary>Whether an objection made at <paramref name="at"/> is in time (the last instant included).</summary>
    public bool IsOpenAt(DateTimeOffset at) => at <= ObjectByAt;

    /// <summary>Whether a notice sent at <paramref name="at"/> still gives the customer its contractual notice.</summary>
    public bool GivesNoticeAt(DateTimeOffset at) => at <= NoticeSentBy;
}
