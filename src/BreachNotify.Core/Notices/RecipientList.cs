using BreachNotify.Clocks;
using BreachNotify.Incidents;
using BreachNotify.Parties;

namespace BreachNotify.Notices;

/// <summary>
/// Who gets a notice: every contact of every affected customer (then its webhook, if it has one), then every contact
/// of every affected sub-processor, in a fixed
/// order. Derived from the classification and the directory rather than stored, so an incident with ten thousand
/// recipients still has a small state row; each notice record keeps its recipient once the fan-out creates it.
/// <see cref="Range(ProcessorDirectory, IncidentState, int, int)"/> builds only a slice of the list (a send work item's),
/// so an incident of 100,000 recipients never holds them all at once.
/// </summary>
public static class RecipientList
{
    public static IReadOnlyList<Recipient> Of(ProcessorDirectory directory, IncidentState state) =>
        state.Classification is { } classification ? For(directory, classification, state.DueTimes) : [];

    public static IReadOnlyList<Recipient> For(ProcessorDirectory directory, Classification.Classification classification, IReadOnlyList<DueTime> due) =>
        Slice(directory, classification, due, 0, int.MaxValue);

    /// <summary>How many recipients the incident has, without building them.</summary>
    public static int CountOf(ProcessorDirectory directory, IncidentState state) =>
        state.Classification is { } classification ? CountFor(directory, classification) : 0;

    public static int CountFor(ProcessorDirectory directory, Classification.Classification classification) =>
        Parties(directory, classification).Sum(p => p.Count);

    /// <summary>The recipients with indexes from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive).</summary>
    public static IReadOnlyList<Recipient> Range(ProcessorDirectory directory, IncidentState state, int from, int to) =>
        state.Classification is { } classification ? Slice(directory, classification, state.DueTimes, from, to) : [];

    private static List<Recipient> Slice(ProcessorDirectory directory, Classification.Classification classification, IReadOnlyList<DueTime> due, int from, int to)
    {
        var dueAt = due.ToDictionary(d => d.RecipientId, d => d.DueAt);
        var recipients = new List<Recipient>();
        var start = 0;
        foreach (var party in Parties(directory, classification))
        {
            if (start >= to)
            {
                break;
            }

            if (start + party.Count > from)
            {
                var first = Math.Max(0, from - start);
                var last = Math.Min(party.Count, to - start);
                for (var i = first; i < last; i++)
                {
                    recipients.Add(party.Recipient(i, dueAt[party.Id]));
                }
            }

            start += party.Count;
        }

        return recipients;
    }

    private static IEnumerable<Party> Parties(ProcessorDirectory directory, Classification.Classification classification)
    {
        foreach (var customer in classification.AffectedCustomers.Select(directory.Customer).OfType<Customer>())
        {
            yield return new Party(customer.Id, customer.Contacts.Count + (customer.Webhook is null ? 0 : 1), (i, dueAt) =>
            {
                if (i < customer.Contacts.Count)
                {
                    var c = customer.Contacts[i];
                    return new Recipient(PartyKind.Customer, customer.Id, customer.Name, i, c.Name, c.Email, c.Locale, dueAt);
                }

                // After the mail contacts; rendered in the first contact's language.
                return new Recipient(
                    PartyKind.Customer, customer.Id, customer.Name, customer.Contacts.Count, "Webhook", customer.Webhook!.Url,
                    customer.Contacts.FirstOrDefault()?.Locale ?? "en", dueAt, RecipientChannel.Webhook);
            });
        }

        foreach (var subprocessor in classification.AffectedSubprocessors.Select(directory.Subprocessor).OfType<Subprocessor>())
        {
            yield return new Party(subprocessor.Id, subprocessor.Contacts.Count, (i, dueAt) =>
            {
                var c = subprocessor.Contacts[i];
                return new Recipient(PartyKind.Subprocessor, subprocessor.Id, subprocessor.Name, i, c.Name, c.Email, c.Locale, dueAt);
            });
        }
    }

    private sealed record Party(string Id, int Count, Func<int, DateTimeOffset, Recipient> Recipient);
}
