using BreachNotify.Functions.CommanderConsole;
using BreachNotify.Functions.Pages;

namespace BreachNotify.Functions.OtherNotices;

/// <summary>The console's drill schedules page (<see cref="DrillSchedulesPage"/>): the list, a form to add one, and per schedule its edit and delete forms.</summary>
internal static class DrillSchedulePages
{
    public const string Path = "/console/drill-schedules";

    public static HtmlPage List(ConsolePage page, IReadOnlyList<DrillScheduleView> schedules, string formKey, string? message = null, bool error = false) =>
        HtmlPage.Of<DrillSchedulesPage>(200, new()
        {
            [nameof(DrillSchedulesPage.Page)] = page,
            [nameof(DrillSchedulesPage.Schedules)] = schedules,
            [nameof(DrillSchedulesPage.FormKey)] = formKey,
            [nameof(DrillSchedulesPage.Text)] = message,
            [nameof(DrillSchedulesPage.Error)] = error,
        });
}
