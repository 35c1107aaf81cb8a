using BreachNotify.Functions.Pages;
using BreachNotify.OtherNotices;

namespace BreachNotify.Functions.OtherNotices;

/// <summary>The recipient's pages of a matter's notice (<see cref="MatterNoticePage"/>): plain HTML, no script, every value encoded.</summary>
internal static class MatterNoticePages
{
    public static HtmlPage Notice(MatterState state, NoticeRecord notice, string processorName, string formAction, string field, string token) =>
        Page(new MatterNoticePageModel(state, notice, processorName, new PageForm(formAction, field, token), Recorded: null));

    public static HtmlPage Recorded(MatterState state, NoticeRecord notice, string processorName, string what) =>
        Page(new MatterNoticePageModel(state, notice, processorName, Form: null, what));

    public static HtmlPage Problem(string title, string message) => Acknowledgements.AcknowledgementPages.Problem(title, message);

    private static HtmlPage Page(MatterNoticePageModel model) => HtmlPage.Of<MatterNoticePage>(200, new() { [nameof(MatterNoticePage.Model)] = model });
}
