using BreachNotify.Functions.Pages;

namespace BreachNotify.Functions.Acknowledgements;

/// <summary>The recipient's pages (<see cref="AcknowledgementPage"/>, <see cref="ProblemPage"/>): plain, accessible HTML, no script, every value encoded.</summary>
internal static class AcknowledgementPages
{
    /// <param name="packPath">A customer's notice: the path of its controller pack (printable; JSON with <c>format=json</c>).</param>
    public static HtmlPage Notice(NoticeRecord notice, string processorName, string formAction, string antiforgeryField, string antiforgeryToken, string? packPath = null) =>
        Page(AcknowledgementPageModel.Of(
            notice, processorName, notice.AcknowledgedAt is null ? AcknowledgementState.Open : AcknowledgementState.AlreadyAcknowledged,
            new PageForm(formAction, antiforgeryField, antiforgeryToken), packPath, answered: false));

    public static HtmlPage Recorded(NoticeRecord notice, string processorName, bool recordedNow) =>
        Page(AcknowledgementPageModel.Of(
            notice, processorName, recordedNow ? AcknowledgementState.RecordedNow : AcknowledgementState.AlreadyAcknowledged, form: null, packPath: null, answered: true));

    public static HtmlPage Problem(string title, string message) => Problem(200, title, message);

    public static HtmlPage Problem(int status, string title, string message) =>
        HtmlPage.Of<ProblemPage>(status, new() { [nameof(ProblemPage.Title)] = title, [nameof(ProblemPage.Message)] = message });

    private static HtmlPage Page(AcknowledgementPageModel model) => HtmlPage.Of<AcknowledgementPage>(200, new() { [nameof(AcknowledgementPage.Model)] = model });
}
