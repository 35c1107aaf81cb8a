using BreachNotify.Application.Exports;

namespace BreachNotify.Application.SubprocessorChanges;

/// <summary>A change's notices as CSV, one row per notice: the console's download and the CLI's <c>change export ID</c>.</summary>
internal static class ChangeNoticeCsv
{
    public static readonly string[] Columns =
        ["noticeId", "customerId", "contact", "email", "status", "sentAt", "windowClosesAt", "acknowledgedAt", "acknowledgedBy", "objectedAt", "withdrawalSentAt"];

    public static string Write(IEnumerable<ChangeNoticeView> notices) =>
        Csv.Write(Columns, notices.Select(n => (IReadOnlyList<string?>)[
            n.NoticeId, n.CustomerId, n.Contact, n.Email, n.Status, Csv.Time(n.SentAt), Csv.Time(n.WindowClosesAt), Csv.Time(n.AcknowledgedAt), n.AcknowledgedBy,
            Csv.Time(n.ObjectedAt), Csv.Time(n.WithdrawalSentAt)]));
}
