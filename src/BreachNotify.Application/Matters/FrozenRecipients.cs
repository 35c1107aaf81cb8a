using BreachNotify.Notices;

namespace BreachNotify.Application.Matters;

/// <summary>
/// The recipients a matter froze at approval, as the engine's recipients: a notice's position in the frozen list is its id, and
/// <see cref="Recipient.ContactIndex"/> is its place among its customer's (the list keeps a customer's contacts together).
/// </summary>
public static class FrozenRecipients
{
    /// <summary>The frozen recipients <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), clamped to the list.</summary>
    /// <param name="recipientOf">The engine's recipient of a frozen one, given its place among its customer's.</param>
    public static IReadOnlyList<Recipient> Slice<T>(IReadOnlyList<T> frozen, int from, int to, Func<T, string> customerOf, Func<T, int, Recipient> recipientOf)
    {
        var recipients = new List<Recipient>();
        for (var i = Math.Max(0, from); i < Math.Min(frozen.Count, to); i++)
        {
            var customerId = customerOf(frozen[i]);
            var index = 0;
            for (var j = i - 1; j >= 0 && customerOf(frozen[j]) == customerId; j--)
            {
                index++;
            }

            recipients.Add(recipientOf(frozen[i], index));
        }

        return recipients;
    }
}
