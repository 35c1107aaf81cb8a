using System.Text.Json;
using System.Text.Json.Nodes;

namespace BreachNotify.Bench;

/// <summary>
/// A directory in the format of samples/directory.sample.json: CUSTOMERS x CONTACTS recipients in one or two languages,
/// all in scope of one personal-data asset (<c>customerScope.all</c>), no sub-processors, and the commanders.
/// </summary>
public static class BenchDirectory
{
    public const string AssetAlias = "bench-db.internal";
    public const string CommanderKey = "bench-commander-key-primary-0123456789";
    public const string BackupCommanderKey = "bench-commander-key-backup-0123456789";
    public static readonly string[] CommanderEmails = ["ic@bench-ops.example", "ic-backup@bench-ops.example"];

    public static string ContactEmail(int customer, int contact) => $"c{contact:D3}@cust-{customer:D3}.example";

    /// <summary>The alias of the bench's <paramref name="index"/>th extra asset (see <c>extraAssets</c>).</summary>
    public static string ExtraAssetAlias(int index) => $"bench-asset-{index:D6}.internal";

    /// <param name="extraAssets">
    /// Further personal-data assets like the first, each with its own alias (<see cref="ExtraAssetAlias"/>), so that
    /// detections on different assets do not correlate into one incident.
    /// </param>
    /// <param name="languages">2: contacts alternate en-GB and de-DE (the even ones German); 1: all en-GB.</param>
    /// <param name="changeContacts">Every contact has the role <c>subprocessor-changes</c> (the change fan-out's recipients).</param>
    public static string Write(string path, int customers, int contacts, Uri publicBaseUrl, int extraAssets = 0, int languages = 1, bool changeContacts = false)
    {
        var directory = new JsonObject
        {
            ["processor"] = new JsonObject
            {
                ["name"] = "Bench Processor Ltd",
                ["publicBaseUrl"] = publicBaseUrl.ToString().TrimEnd('/'),
                ["defaultNoticeLimitHours"] = 24,
            },
            ["services"] = new JsonArray(new JsonObject { ["id"] = "core-platform", ["name"] = "Core platform" }),
            ["assets"] = new JsonArray([.. new[] { (JsonNode)new JsonObject
            {
                ["id"] = "bench-db",
                ["name"] = "Benchmark production database",
                ["service"] = "core-platform",
                ["region"] = "EU",
                ["holdsPersonalData"] = true,
                ["dataCategories"] = new JsonArray("contact details", "employment records"),
                ["approxRecordsPerCustomer"] = 1000,
                ["aliases"] = new JsonArray(AssetAlias),
                ["customerScope"] = new JsonObject { ["all"] = true },
            } }.Concat(Enumerable.Range(0, extraAssets).Select(a => (JsonNode)new JsonObject
            {
                ["id"] = $"bench-asset-{a:D6}",
                ["name"] = $"Benchmark asset {a:D6}",
                ["service"] = "core-platform",
                ["region"] = "EU",
                ["holdsPersonalData"] = true,
                ["dataCategories"] = new JsonArray("contact details"),
                ["approxRecordsPerCustomer"] = 10,
                ["aliases"] = new JsonArray(ExtraAssetAlias(a)),
                ["customerScope"] = new JsonObject { ["all"] = true },
            }))]),
            ["customers"] = new JsonArray([.. Enumerable.Range(1, customers).Select(c => (JsonNode)new JsonObject
            {
                ["id"] = $"cust-{c:D3}",
                ["name"] = $"Customer {c:D3} GmbH",
                ["regions"] = new JsonArray("EU"),
                ["jurisdictions"] = new JsonArray("GDPR"),
                ["optIns"] = new JsonArray(),
                ["noticeLimitHours"] = 48,
                ["contacts"] = new JsonArray([.. Enumerable.Range(1, contacts).Select(k => (JsonNode)new JsonObject
                {
                    ["name"] = $"Contact {k:D3}",
                    ["email"] = ContactEmail(c, k),
                    ["role"] = k == 1 ? "privacy" : "security",
                    // For the change fan-out: every contact receives sub-processor change notices (else only the privacy one would).
                    ["roles"] = changeContacts ? new JsonArray("subprocessor-changes") : new JsonArray(),
                    ["locale"] = languages >= 2 && k % 2 == 0 ? "de-DE" : "en-GB",
                })]),
            })]),
            ["subprocessors"] = new JsonArray(),
            ["commanders"] = new JsonArray(
                new JsonObject
                {
                    ["id"] = "ic-primary", ["name"] = "Primary commander", ["email"] = CommanderEmails[0],
                    ["apiKeySha256"] = CommanderKeyHash.Of(CommanderKey),
                },
                new JsonObject
                {
                    ["id"] = "ic-backup", ["name"] = "Backup commander", ["email"] = CommanderEmails[1],
                    ["apiKeySha256"] = CommanderKeyHash.Of(BackupCommanderKey),
                }),
        };
        File.WriteAllText(path, directory.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }
}
