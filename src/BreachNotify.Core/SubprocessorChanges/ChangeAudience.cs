using BreachNotify.Parties;

namespace BreachNotify.SubprocessorChanges;

/// <summary>
/// Who a change concerns: the customers who use one of its services (an opt-in service: only those who opted in),
/// narrowed to its regions when it names any; and the contacts each is told through.
/// </summary>
public static class ChangeAudience
{
    public static IReadOnlyList<Customer> Concerned(ProcessorDirectory directory, SubprocessorChange change)
    {
        var services = directory.Services.Where(s => change.Services.Contains(s.Id, StringComparer.Ordinal)).ToList();
        return
        [
            .. directory.Customers.Where(c =>
                services.Any(c.Uses)
                && (change.Regions.Count == 0 || c.Regions.Any(r => change.Regions.Contains(r, StringComparer.OrdinalIgnoreCase)))),
        ];
    }

    /// <summary>The notices the change owes, one per contact of each concerned customer, due by its notice time.</summary>
    public static IReadOnlyList<ChangeRecipient> Recipients(IEnumerable<Customer> customers, IReadOnlyList<ObjectionWindow> windows) =>
    [
        .. customers.SelectMany(c => c.SubprocessorChangeContacts.Select(contact =>
            new ChangeRecipient(c.Id, contact.Name, contact.Email, contact.Locale, windows.First(w => w.CustomerId == c.Id).NoticeSentBy, c.Name))),
    ];
}
