using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Notices;
using BreachNotify.Parties;
using Microsoft.Extensions.DependencyInjection;

namespace BreachNotify.Functions.Tests.Adapters.Tables;

/// <summary>The frozen recipients' rows against Azurite: pages of 500 written a few per transaction, read a slice at a time, idempotent, never mixed.</summary>
public sealed class FrozenRecipientStoreTests(AzuriteFixture azurite)
{
    private const string MatterId = "spc-0123456789abcdef0123";
    private static readonly DateTimeOffset Due = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Write_OfMoreThanOneTransaction_ReadsBackEachRecipientAtItsPosition_InSlicesAcrossPagesAndTransactions()
    {
        await using var app = await StartAsync();
        var store = app.Services.GetRequiredService<FrozenRecipientStore>();
        var recipients = Recipients(4321, "a");

        var freeze = await store.WriteAsync(MatterId, 0, recipients, "dir-1", Ct);
        var acrossPages = await store.SliceAsync(MatterId, 0, freeze, 495, 1005, Ct);
        var acrossTransactions = await store.SliceAsync(MatterId, 0, freeze, 3990, 4010, Ct);
        var tail = await store.SliceAsync(MatterId, 0, freeze, 4300, 5000, Ct);

        Assert.Equal(4321, freeze.Count);
        Assert.Equal("dir-1", freeze.DirectoryVersion);
        Assert.Equal(recipients.Skip(495).Take(510), acrossPages);
        Assert.Equal(recipients.Skip(3990).Take(20), acrossTransactions);
        Assert.Equal(recipients.Skip(4300), tail);
        Assert.Equal(recipients, await store.AllAsync(MatterId, 0, freeze, Ct));
    }

    [Fact]
    public async Task Write_StoresARowPerFiveHundredRecipients_NotOnePerRecipient()
    {
        await using var app = await StartAsync();
        var store = app.Services.GetRequiredService<FrozenRecipientStore>();
        const string matterId = "spc-00000000000000000042";

        await store.WriteAsync(matterId, 0, Recipients(1234, "p"), null, Ct);

        var keys = new List<string>();
        await foreach (var row in app.Services.GetRequiredService<StorageClients>().Incidents.QueryAsync<Azure.Data.Tables.TableEntity>(
            $"PartitionKey eq '{matterId}'", select: ["RowKey"], cancellationToken: Ct))
        {
            keys.Add(row.RowKey);
        }

        Assert.Equal(3, keys.Count);
        Assert.All(keys, k => Assert.StartsWith($"rp|{matterId}|0000|", k, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Write_OfAPageTooLargeForOneEntity_SplitsItIntoPartRows_AndReadsBackEveryRecipientInOrder()
    {
        await using var app = await StartAsync();
        var store = app.Services.GetRequiredService<FrozenRecipientStore>();
        const string matterId = "spc-00000000000000000044";
        // Contact names of 4,000 random characters: 500 of them are about 2 MB of JSON that gzip cannot shrink below an
        // entity's 1 MiB, and two such pages are more than a transaction's 4 MiB.
        var random = new Random(20261204);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        var recipients = Recipients(1100, "big").Select(r => r with { ContactName = new string([.. Enumerable.Range(0, 4000).Select(_ => alphabet[random.Next(alphabet.Length)])]) }).ToList();

        var freeze = await store.WriteAsync(matterId, 0, recipients, null, Ct);

        Assert.Equal(recipients.Skip(490).Take(30), await store.SliceAsync(matterId, 0, freeze, 490, 520, Ct));
        Assert.Equal(recipients, await store.AllAsync(matterId, 0, freeze, Ct));
    }

    [Fact]
    public async Task Slice_OfAFreezeWrittenARowPerRecipient_BeforePages_ReadsThoseRows()
    {
        await using var app = await StartAsync();
        var store = app.Services.GetRequiredService<FrozenRecipientStore>();
        const string matterId = "spc-00000000000000000043";
        var recipients = Recipients(30, "old");
        var version = FrozenRecipientStore.VersionOf(recipients);
        // The rows as the store wrote them until pages: one per recipient, its fields as columns.
        var table = app.Services.GetRequiredService<StorageClients>().Incidents;
        for (var i = 0; i < recipients.Count; i++)
        {
            var r = recipients[i];
            await table.AddEntityAsync(new Azure.Data.Tables.TableEntity(matterId, $"r|{matterId}|0000|{version}|{i:D10}")
            {
                ["PartyKind"] = r.Kind.ToString(),
                ["PartyId"] = r.PartyId,
                ["PartyName"] = r.PartyName,
                ["ContactIndex"] = r.ContactIndex,
                ["ContactName"] = r.ContactName,
                ["Email"] = r.Email,
                ["Locale"] = r.Locale,
                ["DueAt"] = r.DueAt,
                ["Channel"] = r.Channel.ToString(),
            }, Ct);
        }

        var freeze = new RecipientFreeze(recipients.Count, version, null);

        Assert.Equal(recipients.Skip(10).Take(15), await store.SliceAsync(matterId, 0, freeze, 10, 25, Ct));
        Assert.Equal(recipients, await store.AllAsync(matterId, 0, freeze, Ct));
    }

    [Fact]
    public async Task WriteAgain_OfTheSameList_IsTheSameFreeze_AndAnotherListLandsBeside_ItNeverMixesIn()
    {
        await using var app = await StartAsync();
        var store = app.Services.GetRequiredService<FrozenRecipientStore>();
        var first = Recipients(120, "a");
        var other = Recipients(80, "b");

        var once = await store.WriteAsync(MatterId, 0, first, null, Ct);
        var again = await store.WriteAsync(MatterId, 0, first, null, Ct);
        var beside = await store.WriteAsync(MatterId, 0, other, null, Ct);

        Assert.Equal(once, again);
        Assert.NotEqual(once.Version, beside.Version);
        Assert.Equal(first, await store.AllAsync(MatterId, 0, once, Ct));
        Assert.Equal(other, await store.AllAsync(MatterId, 0, beside, Ct));
    }

    [Fact]
    public async Task Mark_FirstWriterWins_AndASecondMarkReturnsTheOneThatStands()
    {
        await using var app = await StartAsync();
        var store = app.Services.GetRequiredService<FrozenRecipientStore>();
        var first = await store.WriteAsync(MatterId, 0, Recipients(3, "a"), "dir-1", Ct);
        var second = await store.WriteAsync(MatterId, 0, Recipients(5, "b"), "dir-2", Ct);

        Assert.Null(await store.MarkOfAsync(MatterId, 0, Ct));
        Assert.Equal(first, await store.MarkAsync(MatterId, 0, first, Ct));
        Assert.Equal(first, await store.MarkAsync(MatterId, 0, second, Ct));
        Assert.Equal(first, await store.MarkOfAsync(MatterId, 0, Ct));
        Assert.Null(await store.MarkOfAsync(MatterId, 1, Ct));
    }

    [Fact]
    public async Task Slice_OfAFreezeWhoseRowsAreNotAllStored_Throws_RatherThanSendToFewer()
    {
        await using var app = await StartAsync();
        var store = app.Services.GetRequiredService<FrozenRecipientStore>();
        var freeze = await store.WriteAsync(MatterId, 0, Recipients(10, "a"), null, Ct);

        await Assert.ThrowsAsync<InvalidDataException>(() => store.SliceAsync(MatterId, 0, freeze with { Count = 12 }, 5, 12, Ct));
    }

    private static List<Recipient> Recipients(int count, string tag) =>
    [
        .. Enumerable.Range(0, count).Select(i => new Recipient(
            i % 7 == 0 ? PartyKind.Subprocessor : PartyKind.Customer, $"c{i / 3:D4}", $"Customer {i / 3}", i % 3, $"Contact {i}", $"{tag}{i}@c{i / 3:D4}.example",
            i % 2 == 0 ? "en-GB" : "de-DE", Due.AddMinutes(i), i % 11 == 0 ? RecipientChannel.Webhook : RecipientChannel.Email)),
    ];

    private Task<TestApp> StartAsync() => TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
