using BreachNotify.Functions.CommanderConsole;
using BreachNotify.Functions.Pages;

namespace BreachNotify.Functions.OtherNotices;

/// <summary>The console's pages of the other notices, as Razor components: the list (<see cref="MatterListPage"/>, filterable by customer and kind) and one page per matter (<see cref="MatterPage"/>).</summary>
internal static class MatterPages
{
    public static HtmlPage List(
        ConsolePage page, IReadOnlyList<MatterListEntry> matters, string? customer, string? kind, string formKey, string? message = null, bool error = false) =>
        HtmlPage.Of<MatterListPage>(200, new()
        {
            [nameof(MatterListPage.Page)] = page,
            [nameof(MatterListPage.Matters)] = matters,
            [nameof(MatterListPage.Customer)] = customer,
            [nameof(MatterListPage.Kind)] = kind,
            [nameof(MatterListPage.FormKey)] = formKey,
            [nameof(MatterListPage.Text)] = message,
            [nameof(MatterListPage.Error)] = error,
        });

    public static HtmlPage Matter(ConsolePage page, MatterView v, string? message = null, bool error = false, DrillReport? drill = null) =>
        HtmlPage.Of<MatterPage>(200, new()
        {
            [nameof(MatterPage.Page)] = page,
            [nameof(MatterPage.V)] = v,
            [nameof(MatterPage.Text)] = message,
            [nameof(MatterPage.Error)] = error,
            [nameof(MatterPage.Drill)] = drill,
        });
}
