using BreachNotify.Functions.CommanderConsole;
using BreachNotify.Functions.Pages;
using static BreachNotify.Functions.CommanderConsole.ConsolePage;

namespace BreachNotify.Functions.Ledger;

/// <summary>The console's ledger of one customer (<see cref="LedgerPage"/>), and the link to it from the pages that list customers.</summary>
internal static class LedgerPages
{
    /// <summary>A link to a customer's ledger as text, for the pages not yet on components (OtherNotices' matter pages); <see cref="CustomerLink"/> is the component.</summary>
    public static string Link(string customerId, string? text = null) =>
        $"<a class=\"customer-ledger\" href=\"{E(Path(customerId))}\">{E(text ?? customerId)}</a>";

    public static string Path(string customerId) => "/console/customers/" + Uri.EscapeDataString(customerId);

    public static HtmlPage Ledger(ConsolePage page, CustomerLedger ledger, LedgerFilter filter) =>
        HtmlPage.Of<LedgerPage>(200, new()
        {
            [nameof(LedgerPage.Page)] = page,
            [nameof(LedgerPage.Ledger)] = ledger,
            [nameof(LedgerPage.Filter)] = filter,
        });
}
