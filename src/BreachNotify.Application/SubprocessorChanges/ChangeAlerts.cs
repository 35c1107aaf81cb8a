using System.Globalization;
using System.Net;
using BreachNotify.Notices;
using BreachNotify.SubprocessorChanges;

namespace BreachNotify.Application.SubprocessorChanges;

/// <summary>The privacy team's mails about a change's timers. Customer ids and the sub-processor only: no personal data.</summary>
internal static class ChangeAlerts
{
    public static NoticeContent? Compose(SubprocessorChangeState state, SubprocessorChangeEvent e, string url, DateTimeOffset now)
    {
        var change = $"sub-processor change {state.Id} ({ReadableText.Clean(state.Change!.Subprocessor.Name, keepLines: false)})";
        var (subject, text) = e switch
        {
            CureReminderDue r => (
                $"CURE PERIOD: objection of {r.CustomerId} to {state.Id} still without an outcome",
                $"The objection of customer {r.CustomerId} to {change} still waits for an outcome (reminder {r.Round}). " +
                $"Its cure period ends {Time(r.CureDeadline)} ({Left(r.CureDeadline - now)}): cancel the sub-processor for it, take corrective steps, " +
                "cease the feature, or let it stop using the service, and record the outcome on the change's page."),
            CurePeriodEnded c => (
                $"CURE PERIOD ENDED: objection of {c.CustomerId} to {state.Id}",
                $"The cure period of customer {c.CustomerId}'s objection to {change} ended {Time(c.At)} without an outcome. " +
                "Under the DPA either side may now terminate; record the outcome on the change's page."),
            NoticeDeadlinePassed { Unsent.Count: > 0 } n => (
                $"NOTICE DEADLINE MISSED: {state.Id}, {n.Unsent.Count} customer(s)",
                $"The notices of {change} to {string.Join(", ", n.Unsent)} were not all sent by their contractual deadline; " +
                $"these customers now have less notice than their contracts give before it takes effect on {Time(state.Change.EffectiveAt)}."),
            _ => (null, null),
        };
        if (subject is null)
        {
            return null;
        }

        var body = $"{text}\n{url}\n";
        return new NoticeContent(subject, body, $"<!doctype html><p>{WebUtility.HtmlEncode(text)}</p><p><a href=\"{WebUtility.HtmlEncode(url)}\">{WebUtility.HtmlEncode(url)}</a></p>");
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    private static string Left(TimeSpan left) => left > TimeSpan.Zero ? $"in {(int)left.TotalDays} d {left.Hours} h" : "now";
}
