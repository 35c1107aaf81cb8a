using System.Text;
using BreachNotify.Notices;

namespace BreachNotify.Adapters.SendGrid;

/// <summary>
/// Cuts the recipients of one rendering into SendGrid requests that keep within both of its limits: the count of
/// personalizations and the size of the body (SendGrid refuses more than 20 MB; <see cref="SendGridOptions.MaxRequestBytes"/>
/// stays well below). Sizes are estimated as the JSON the client writes, a little generously.
/// </summary>
public static class MailRequests
{
    /// <summary>What a personalization costs beyond its strings: property names, quotes, braces, the attempt number.</summary>
    private const int PersonalizationOverhead = 160;

    /// <summary>What the request costs beyond its content: from, the content array, the property names.</summary>
    private const int RequestOverhead = 400;

    /// <remarks>
    /// SendGrid refuses a whole request (400) that names one address twice, and one person may be the contact of several
    /// parties (a shared data protection officer): a recipient whose address the request already holds waits for the next.
    /// </remarks>
    public static IEnumerable<List<MailRecipient>> Split(NoticeContent content, IReadOnlyList<MailRecipient> recipients, int maxCount, long maxBytes)
    {
        var fixedBytes = RequestOverhead + JsonBytes(content.Subject) + JsonBytes(content.Text) + JsonBytes(content.Html);
        IReadOnlyList<MailRecipient> left = recipients;
        while (left.Count > 0)
        {
            var request = new List<MailRecipient>();
            var addresses = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var later = new List<MailRecipient>();
            var bytes = fixedBytes;
            var next = 0;
            for (; next < left.Count; next++)
            {
                var recipient = left[next];
                var own = Bytes(recipient);
                if (request.Count > 0 && (request.Count >= maxCount || bytes + own > maxBytes))
                {
                    break;
                }

                if (!addresses.Add(recipient.Email))
                {
                    later.Add(recipient);
                    continue;
                }

                request.Add(recipient);
                bytes += own;
            }

            yield return request;
            later.AddRange(left.Skip(next));
            left = later;
        }
    }

    /// <summary>The estimated size of one recipient's personalization in the request body.</summary>
    public static long Bytes(MailRecipient recipient)
    {
        long bytes = PersonalizationOverhead + JsonBytes(recipient.Email) + JsonBytes(recipient.Name) + JsonBytes(recipient.AckUrl) + JsonBytes(recipient.NoticeRef);
        foreach (var (tag, value) in recipient.Values ?? new Dictionary<string, string>())
        {
            bytes += 6 + JsonBytes(tag) + JsonBytes(value);
        }

        return bytes + (recipient.AckUrl is null ? 0 : JsonBytes(NoticeContent.AckUrlTag) + 6);
    }

    /// <summary>UTF-8 bytes of a JSON string value: quotes and backslashes doubled, control characters as \uXXXX.</summary>
    private static long JsonBytes(string? value)
    {
        if (value is null)
        {
            return 0;
        }

        long escapes = 0;
        foreach (var c in value)
        {
            escapes += c is '"' or '\\' ? 1 : char.IsControl(c) ? 5 : 0;
        }

        return Encoding.UTF8.GetByteCount(value) + escapes + 2;
    }
}
