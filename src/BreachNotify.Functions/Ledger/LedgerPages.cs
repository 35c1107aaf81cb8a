using BreachNotify.Functions.CommanderConsole;
using BreachNotify.Functions.Pages;

namespace BreachNotify.Functions.Ledger;

/// <summary>The console's ledger of one customer (<see cref="LedgerPage"/>), and the link to it from the pages that list customers.</summary>
internal static class LedgerPages
{
    public static string Path(string customerId) => "/console/customers/" + Uri.EscapeDataString(customerId);

    public static HtmlPage Ledger(ConsolePage page, CustomerLedger ledger, LedgerFilter filter) =>
        HtmlPage.Of<LedgerPage>(200, new()
        {
            [nameof(LedgerPage.Page)] = page,
            [nameof(LedgerPage.Ledger)] = ledger,
            [nameof(LedgerPage.Filter)] = filter,
        });
}
