using BreachNotify.Classification;
using BreachNotify.Functions.Acknowledgements;
using BreachNotify.Functions.Delivery;
using BreachNotify.Functions.Incidents;
using BreachNotify.Functions.Ingest;
using BreachNotify.Functions.Workflow;
using BreachNotify.Notices;
using BreachNotify.Parties;
using Microsoft.Extensions.Configuration;

namespace BreachNotify.Functions.Hosting;

/// <summary>
/// Everything the app needs from configuration, read and checked once before it starts. A wrong or missing
/// setting becomes one line naming the key and the problem; the app does not start on it.
/// </summary>
public sealed record StartupSettings(ProcessorDirectory Directory, ClassificationRules Rules, Uri PublicBaseUrl, HostingMode Mode, NoticeTemplates Templates)
{
    public static (StartupSettings? Settings, IReadOnlyList<string> Problems) Read(IConfiguration configuration, string contentRoot)
    {
        var problems = new List<string>(BreachNotifyOptions.Problems(configuration));
        problems.AddRange(SourceProblems(configuration));

        Uri? publicBaseUrl = null;
        var baseUrlText = configuration["PublicBaseUrl"];
        if (string.IsNullOrWhiteSpace(baseUrlText))
        {
            problems.Add("PublicBaseUrl: required, the base of the acknowledgement links in notices (for example https://notify.example.com)");
        }
        else if (!Uri.TryCreate(baseUrlText, UriKind.Absolute, out publicBaseUrl) || publicBaseUrl.Scheme is not ("http" or "https"))
        {
            problems.Add($"PublicBaseUrl: '{baseUrlText}' is not an absolute http(s) URL");
        }

        var directory = ReadFile("Directory:Path", configuration["Directory:Path"], contentRoot, ProcessorDirectory.FromJson, problems);
        if (directory is not null)
        {
            problems.AddRange(DirectoryValidator.Validate(directory).Select(p => $"Directory:Path: {p}"));
            problems.AddRange(WebhookSecretProblems(configuration, directory));
        }

        var rulesPath = configuration["Classification:RulesPath"] ?? Path.Combine(AppContext.BaseDirectory, "classification-rules.json");
        var rules = ReadFile("Classification:RulesPath", rulesPath, contentRoot, ClassificationRules.FromJson, problems);
        if (rules is not null)
        {
            problems.AddRange(rules.Validate().Select(p => $"Classification:RulesPath: {p}"));
        }

        // Each key's form is the options' check; whether anybody can approve at all needs the directory too.
        var commanderKeys = configuration.GetSection("Commanders:Keys").GetChildren().ToList();
        if (directory is not null && commanderKeys.Count == 0 && !directory.Commanders.Any(c => CommanderKeyHash.IsWellFormed(c.ApiKeySha256)))
        {
            problems.Add("Commanders:Keys: no commander key is configured (set Commanders:Keys:ID or the directory's apiKeySha256), so nobody could approve notices");
        }

        var templates = ReadTemplates(configuration["Notices:TemplatesPath"], contentRoot, problems);

        return problems.Count > 0 || directory is null || rules is null || publicBaseUrl is null || templates is null
            ? (null, problems)
            : (new StartupSettings(directory, rules, publicBaseUrl, HostingMode.Standalone, templates), problems);
    }

    /// <summary>Every customer webhook's HMAC secret comes from configuration, never from the directory file.</summary>
    private static IEnumerable<string> WebhookSecretProblems(IConfiguration configuration, ProcessorDirectory directory)
    {
        foreach (var customer in directory.Customers.Where(c => !string.IsNullOrWhiteSpace(c.Webhook?.SecretName) && !c.Webhook.SecretName.Contains(':', StringComparison.Ordinal)))
        {
            var key = WebhookSender.SecretKey(customer.Webhook!.SecretName);
            var secret = configuration[key] ?? "";
            if (secret.Length < 16)
            {
                yield return $"{key}: required, at least 16 characters (the HMAC secret of customers[{customer.Id}].webhook)";
            }
            else if (secret.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase))
            {
                yield return $"{key}: is an unresolved Key Vault reference; check the app's identity and the secret's name";
            }
        }
    }

    private static IEnumerable<string> SourceProblems(IConfiguration configuration)
    {
        var sources = configuration.GetSection("Sources").GetChildren().ToList();
        if (sources.Count == 0)
        {
            yield return "Sources: no SIEM source is configured (Sources:NAME:Secret), so no detection could be accepted";
        }

        foreach (var section in sources)
        {
            var source = section.Get<SourceOptions>() ?? new SourceOptions();
            if (source.Secret.Length < 16)
            {
                yield return $"Sources:{section.Key}:Secret: required, at least 16 characters";
            }
            else if (source.Secret.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase))
            {
                yield return $"Sources:{section.Key}:Secret: is an unresolved Key Vault reference; check the app's identity and the secret's name";
            }

            if (source.Auth is not (SourceOptions.SignatureAuth or SourceOptions.QueryTokenAuth))
            {
                yield return $"Sources:{section.Key}:Auth: must be '{SourceOptions.SignatureAuth}' or '{SourceOptions.QueryTokenAuth}'";
            }
        }
    }

    /// <summary>
    /// The built-in templates (<c>templates/</c> beside the app), then the deployment's folder: its files replace the
    /// built-in ones of the same name and add locales. Every file is checked now, not when a notice is sent.
    /// </summary>
    private static NoticeTemplates? ReadTemplates(string? overridePath, string contentRoot, List<string> problems)
    {
        const string key = "Notices:TemplatesPath";
        var files = new List<TemplateFile>(Folder(Path.Combine(AppContext.BaseDirectory, "templates"), "Notices (built-in templates)"));
        if (!string.IsNullOrWhiteSpace(overridePath))
        {
            var full = Path.IsPathRooted(overridePath) ? overridePath : Path.Combine(contentRoot, overridePath);
            if (!System.IO.Directory.Exists(full))
            {
                problems.Add($"{key}: folder '{full}' does not exist");
                return null;
            }

            files.AddRange(Folder(full, key));
        }

        var (templates, templateProblems) = NoticeTemplates.Parse(files, key);
        problems.AddRange(templateProblems);
        return templates;
    }

    private static IEnumerable<TemplateFile> Folder(string folder, string source) =>
        !System.IO.Directory.Exists(folder) ? []
        : System.IO.Directory.EnumerateFiles(folder)
            .Where(f => f.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(f => new TemplateFile(Path.GetFileName(f), File.ReadAllText(f), $"{source}: '{f}'"));

    private static T? ReadFile<T>(string key, string? path, string contentRoot, Func<string, T> parse, List<string> problems)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            problems.Add($"{key}: required, the path of the file");
            return null;
        }

        var full = Path.IsPathRooted(path) ? path : Path.Combine(contentRoot, path);
        if (!File.Exists(full))
        {
            problems.Add($"{key}: file '{full}' does not exist");
            return null;
        }

        try
        {
            return parse(File.ReadAllText(full));
        }
        catch (System.Text.Json.JsonException e)
        {
            problems.Add($"{key}: '{full}' is not valid: {e.Message}");
            return null;
        }
    }
}
