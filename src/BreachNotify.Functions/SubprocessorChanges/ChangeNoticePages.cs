using BreachNotify.Functions.Pages;
using BreachNotify.SubprocessorChanges;

namespace BreachNotify.Functions.SubprocessorChanges;

/// <summary>The recipient's pages of a sub-processor change notice (<see cref="ChangeNoticePage"/>): plain HTML, no script, every value encoded.</summary>
internal static class ChangeNoticePages
{
    public static HtmlPage Notice(SubprocessorChangeState change, NoticeRecord notice, string processorName, DateTimeOffset now, string formAction, string field, string token) =>
        Page(new ChangeNoticePageModel(change, notice, processorName, Closed(change, notice, now), new PageForm(formAction, field, token), Recorded: null));

    public static HtmlPage Recorded(SubprocessorChangeState change, NoticeRecord notice, string processorName, string what) =>
        Page(new ChangeNoticePageModel(change, notice, processorName, Closed: null, Form: null, what));

    public static HtmlPage Problem(string title, string message) => Acknowledgements.AcknowledgementPages.Problem(title, message);

    /// <summary>Why the notice takes no answer any more, or null while it does.</summary>
    public static string? Closed(SubprocessorChangeState change, NoticeRecord notice, DateTimeOffset now) =>
        change.Status != ChangeStatus.Approved ? $"This change is {change.Status.ToString().ToLowerInvariant()}: it takes no answer any more."
        : change.Window(notice.PartyId) is { } window && !window.IsOpenAt(now) ? $"The window to object closed on {PageText.Utc(window.ObjectByAt)}."
        : null;

    private static HtmlPage Page(ChangeNoticePageModel model) => HtmlPage.Of<ChangeNoticePage>(200, new() { [nameof(ChangeNoticePage.Model)] = model });
}
