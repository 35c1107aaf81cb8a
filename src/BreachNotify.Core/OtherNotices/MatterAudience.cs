using BreachNotify.Parties;

namespace BreachNotify.OtherNotices;

/// <summary>
/// Who a matter concerns and who is told. Customers are those named, or for a data-subject request without names, every
/// customer whose <c>subjectIdentifierDomains</c> holds the domain of the subject's email address, and those the deployment's
/// subject lookup (if configured) answered. Recipients: for a
/// data-subject request the contacts with role <c>data-subject-requests</c>, else (and for every other kind) the
/// <c>privacy</c> contacts, else every contact, so a concerned customer is never left without a notice. A contact drill
/// goes to every contact: each address a notice may go to is tested.
/// </summary>
public static class MatterAudience
{
    /// <summary>
    /// The customers holding the subject: those whose domains hold its email domain, joined with <paramref name="lookedUp"/>
    /// (the deployment's lookup's answer; ids the directory does not know are left out), in the directory's order.
    /// </summary>
    public static IReadOnlyList<Customer> ForSubject(ProcessorDirectory directory, string subjectIdentifier, IReadOnlyCollection<string> lookedUp)
    {
        var at = subjectIdentifier.LastIndexOf('@');
        var domain = at <= 0 || at == subjectIdentifier.Length - 1 ? null : subjectIdentifier[(at + 1)..].Trim();
        return [.. directory.Customers.Where(c => lookedUp.Contains(c.Id, StringComparer.Ordinal)
            || (domain is not null && c.SubjectIdentifierDomains.Any(d => string.Equals(d.Trim(), domain, StringComparison.OrdinalIgnoreCase))))];
    }

    public static IReadOnlyList<Contact> ContactsOf(Customer customer, OtherNoticeKind kind) =>
        kind == OtherNoticeKind.ContactDrill ? customer.Contacts
        : (kind == OtherNoticeKind.DataSubjectRequest ? customer.Contacts.Where(c => c.HasRole(Customer.DataSubjectRequestsRole)).ToList() : []) is { Count: > 0 } named ? named
        : customer.Contacts.Where(c => c.HasRole("privacy")).ToList() is { Count: > 0 } privacy ? privacy
        : customer.Contacts;

    /// <summary>Every notice owed, in the order of the matter's customers then their contacts (a notice's id is its position).</summary>
    public static IReadOnlyList<MatterRecipient> Recipients(ProcessorDirectory directory, OtherNoticeKind kind, IReadOnlyList<MatterCustomer> customers) =>
    [
        .. customers.SelectMany(mc => directory.Customer(mc.CustomerId) is { } c
            ? ContactsOf(c, kind).Select(contact => new MatterRecipient(c.Id, c.Name, contact.Name, contact.Email, contact.Locale, mc.DueAt))
            : []),
    ];
}
