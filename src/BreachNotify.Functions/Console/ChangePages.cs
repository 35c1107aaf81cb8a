using BreachNotify.Functions.Pages;
using BreachNotify.Functions.SubprocessorChanges;

namespace BreachNotify.Functions.CommanderConsole;

/// <summary>
/// The console's pages for sub-processor changes (<see cref="ChangeRegisterPage"/>, <see cref="ChangePage"/>): the
/// register of changes and a page per change. Forms post to <see cref="ChangeConsoleEndpoints"/>, which take them
/// through the same commands as the API.
/// </summary>
internal static class ChangePages
{
    public const string Here = "/console/changes";

    public static HtmlPage Register(ConsolePage page, IReadOnlyList<ChangeSummary> changes) =>
        HtmlPage.Of<ChangeRegisterPage>(200, new()
        {
            [nameof(ChangeRegisterPage.Page)] = page,
            [nameof(ChangeRegisterPage.Changes)] = changes,
        });

    public static HtmlPage Change(ConsolePage page, ChangeView v, string? message, bool error) =>
        HtmlPage.Of<ChangePage>(200, new()
        {
            [nameof(ChangePage.Page)] = page,
            [nameof(ChangePage.Model)] = ChangePageModel.Of(v, message, error),
        });

    public static HtmlPage Announce(ConsolePage page, AnnounceChangeForm form) =>
        HtmlPage.Of<AnnounceChangePage>(200, new()
        {
            [nameof(AnnounceChangePage.Page)] = page,
            [nameof(AnnounceChangePage.Model)] = form,
        });

    public static string Link(string id) => $"/console/changes/{Uri.EscapeDataString(id)}";
}
