using BreachNotify.Functions.Delivery;
using BreachNotify.Notices;

namespace BreachNotify.Functions.Tests.Adapters.SendGrid;

/// <summary>How one rendering's recipients are cut into SendGrid requests.</summary>
public sealed class MailRequestsTests
{
    private static readonly NoticeContent Content = new("Subject", "Text -ackUrl-", "<p>-ackUrl-</p>");

    [Fact]
    public void Split_TwoThousandRecipients_MakesTwoRequestsOfAThousand()
    {
        var recipients = Enumerable.Range(0, 2000).Select(i => Recipient($"r{i}@example.test", i)).ToList();

        var requests = MailRequests.Split(Content, recipients, 1000, 10_000_000).ToList();

        Assert.Equal([1000, 1000], requests.Select(r => r.Count));
        Assert.Equal(recipients, requests.SelectMany(r => r));
    }

    [Fact]
    public void Split_AnAddressOfSeveralParties_GoesOncePerRequest_AndEveryNoticeOnce()
    {
        // Thirty recipients, of whom "dpo" is contact of five parties (in any case) and "ops" of three.
        var recipients = Enumerable.Range(0, 30).Select(i => Recipient(
            i % 6 == 0 ? (i % 12 == 0 ? "DPO@shared.test" : "dpo@shared.test") : i % 10 == 1 ? "ops@shared.test" : $"r{i}@example.test", i)).ToList();

        var requests = MailRequests.Split(Content, recipients, 10, 10_000_000).ToList();

        Assert.All(requests, r => Assert.Equal(r.Count, r.Select(m => m.Email.ToUpperInvariant()).Distinct().Count()));
        Assert.All(requests, r => Assert.InRange(r.Count, 1, 10));
        Assert.Equal(recipients.Select(r => r.NoticeRef).Order(), requests.SelectMany(r => r).Select(r => r.NoticeRef).Order());
        // Five notices to one address need five requests, no more than that.
        Assert.Equal(5, requests.Count);
    }

    [Fact]
    public void Split_BySize_KeepsEachRequestsEstimateBelowTheLimit()
    {
        const long MaxBytes = 20_000;
        var recipients = Enumerable.Range(0, 300).Select(i => Recipient($"r{i}@example.test", i)).ToList();

        var requests = MailRequests.Split(Content, recipients, 1000, MaxBytes).ToList();

        Assert.True(requests.Count > 1);
        Assert.All(requests, r => Assert.InRange(r.Sum(MailRequests.Bytes), 1, MaxBytes));
        Assert.Equal(recipients, requests.SelectMany(r => r));
    }

    private static MailRecipient Recipient(string email, int i) =>
        new(email, $"Contact {i}", $"https://ack.test/{i}", $"inc-1/n{i:D5}")
        {
            Values = new Dictionary<string, string> { [NoticeContent.PartyNameTag] = $"Customer {i}" },
        };
}
