
namespace BreachNotify.Application.OtherNotices;

/// <summary>The matters as CSV (the console's CSV rules: cells that could run as formulas are defused).</summary>
internal static class MatterCsv
{
    private static readonly string[] RegisterHeader = ["customerId", "matterId", "kind", "status", "receivedAt", "dueAt", "prohibited", "sending", "answer", "answeredAt"];
    private static readonly string[] ListHeader = ["customerId", "matterId", "kind", "status", "receivedAt", "dueAt", "prohibited"];

    public static string Of(IEnumerable<MatterRegisterEntry> entries) =>
        Csv.Write(RegisterHeader, entries.Select(e => (IReadOnlyList<string?>)
        [
            e.CustomerId, e.Id, e.Kind, e.Status, Csv.Time(e.ReceivedAt), Csv.Time(e.DueAt), e.Prohibited ? "yes" : "no", e.Sending ? "yes" : "no", e.Answer, Csv.Time(e.AnsweredAt),
        ]));

    public static string Of(IEnumerable<(string CustomerId, MatterListEntry Entry)> rows) =>
        Csv.Write(ListHeader, rows.Select(r => (IReadOnlyList<string?>)
        [
            r.CustomerId, r.Entry.Id, r.Entry.Kind, r.Entry.Status, Csv.Time(r.Entry.ReceivedAt), Csv.Time(r.Entry.DueAt), r.Entry.Prohibited ? "yes" : "no",
        ]));
}
