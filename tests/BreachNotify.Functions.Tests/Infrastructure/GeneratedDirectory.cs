using System.Text.Json;

namespace BreachNotify.Functions.Tests.Infrastructure;

/// <summary>A directory file with many recipients: one personal-data asset holding every customer's data.</summary>
public static class GeneratedDirectory
{
    public const string AssetAlias = "fanout-db.internal";

    public static string Write(int customers, int contactsPerCustomer, string? locale = null) =>
        Write(customers, contactsPerCustomer, (_, k) => locale ?? (k % 2 == 0 ? "en-GB" : "de-DE"));

    /// <summary>
    /// As above, each contact's locale chosen by customer and contact index; optionally each contact's address (default
    /// <c>k{contact}@c{customer}.example</c>) and each customer's notice limit in hours (default 48).
    /// </summary>
    public static string Write(int customers, int contactsPerCustomer, Func<int, int, string> localeOf, Func<int, int, string>? emailOf = null, Func<int, int>? noticeLimitHoursOf = null)
    {
        var directory = new
        {
            processor = new { name = "Load Test Processor", defaultNoticeLimitHours = 24 },
            services = new[] { new { id = "core", name = "Core" } },
            assets = new[]
            {
                new
                {
                    id = "fanout-db", name = "Shared database", service = "core", region = "EU", holdsPersonalData = true,
                    dataCategories = new[] { "contact details" }, approxRecordsPerCustomer = 100, aliases = new[] { AssetAlias },
                    customerScope = new { all = true },
                },
            },
            customers = Enumerable.Range(0, customers).Select(c => new
            {
                id = $"c{c:D4}",
                name = $"Customer {c}",
                regions = new[] { "EU" },
                jurisdictions = new[] { "GDPR" },
                noticeLimitHours = noticeLimitHoursOf?.Invoke(c) ?? 48,
                contacts = Enumerable.Range(0, contactsPerCustomer)
                    .Select(k => new { name = $"Contact {k}", email = emailOf?.Invoke(c, k) ?? $"k{k}@c{c:D4}.example", locale = localeOf(c, k) }).ToArray(),
            }).ToArray(),
            subprocessors = Array.Empty<object>(),
            commanders = new[]
            {
                new { id = "ic-primary", name = "Primary", email = "ic@ntc.example" },
                new { id = "ic-backup", name = "Backup", email = "ic-backup@ntc.example" },
            },
        };
        var path = Path.Combine(Path.GetTempPath(), $"directory-{customers}x{contactsPerCustomer}-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(directory));
        return path;
    }

    public static string Detection(string externalId) =>
        JsonSerializer.Serialize(new { externalId, title = "Exfiltration from the shared database", category = "exfiltration", assets = new[] { AssetAlias } });
}
