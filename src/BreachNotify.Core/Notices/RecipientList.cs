using BreachNotify.Clocks;
using BreachNotify.Incidents;
using BreachNotify.Parties;

namespace BreachNotify.Notices;

/// <summary>
/// Who gets a notice: every contact of every affected customer (then its webhook, if it has one), then every contact
/// of every affected sub-processor, in a fixed
/// order. Derived from the classification and the directory rather than stored, so an incident with ten thousand
/// recipients still has a small state row; each notice record keeps its recipient once the fan-out creates it.
/// </summary>
public static class RecipientList
{
    public static IReadOnlyList<Recipient> Of(ProcessorDirectory directory, IncidentState state) =>
        state.Classification is { } classification ? For(directory, classification, state.DueTimes) : [];

    public static IReadOnlyList<Recipient> For(ProcessorDirectory directory, Classification.Classification classification, IReadOnlyList<DueTime> due)
    {
        var dueAt = due.ToDictionary(d => d.RecipientId, d => d.DueAt);
        var recipients = new List<Recipient>();
        foreach (var customer in classification.AffectedCustomers.Select(directory.Customer).OfType<Customer>())
        {
            recipients.AddRange(customer.Contacts.Select((c, i) =>
                new Recipient(PartyKind.Customer, customer.Id, customer.Name, i, c.Name, c.Email, c.Locale, dueAt[customer.Id])));
            if (customer.Webhook is { } webhook)
            {
                // After the mail contacts; rendered in the first contact's language.
                recipients.Add(new Recipient(
                    PartyKind.Customer, customer.Id, customer.Name, customer.Contacts.Count, "Webhook", webhook.Url,
                    customer.Contacts.FirstOrDefault()?.Locale ?? "en", dueAt[customer.Id], RecipientChannel.Webhook));
            }
        }

        foreach (var subprocessor in classification.AffectedSubprocessors.Select(directory.Subprocessor).OfType<Subprocessor>())
        {
            recipients.AddRange(subprocessor.Contacts.Select((c, i) =>
                new Recipient(PartyKind.Subprocessor, subprocessor.Id, subprocessor.Name, i, c.Name, c.Email, c.Locale, dueAt[subprocessor.Id])));
        }

        return recipients;
    }
}
