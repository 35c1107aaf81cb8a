using System.Net.Mail;

namespace BreachNotify.Parties;

/// <summary>Checks a directory before the app starts on it; every problem names the entry and what is wrong.</summary>
public static class DirectoryValidator
{
    public static IReadOnlyList<string> Validate(ProcessorDirectory directory)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(directory.Processor?.Name))
        {
            problems.Add("processor.name: required");
        }
        else
        {
            if (directory.Processor.DefaultNoticeLimitHours <= 0)
            {
                problems.Add("processor.defaultNoticeLimitHours: must be a positive number of hours");
            }

            CheckDays(directory.Processor.DefaultSubprocessorNoticeDays, "processor.defaultSubprocessorNoticeDays", problems);
            CheckDays(directory.Processor.DefaultObjectionDays, "processor.defaultObjectionDays", problems);
            CheckDays(directory.Processor.DefaultCureDays, "processor.defaultCureDays", problems);
            CheckHours(directory.Processor.DefaultDataSubjectRequestForwardHours, "processor.defaultDataSubjectRequestForwardHours", problems);
            CheckHours(directory.Processor.DefaultMatterNoticeHours, "processor.defaultMatterNoticeHours", problems);
        }

        var serviceIds = Unique(directory.Services.Select(s => s.Id), "services", problems);
        var assetIds = Unique(directory.Assets.Select(a => a.Id), "assets", problems);
        var customerIds = Unique(directory.Customers.Select(c => c.Id), "customers", problems);
        Unique(directory.Subprocessors.Select(s => s.Id), "subprocessors", problems);
        Unique(directory.Commanders.Select(c => c.Id), "commanders", problems);

        var aliasOwner = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var asset in directory.Assets)
        {
            var at = $"assets[{asset.Id}]";
            if (asset.Aliases.Count == 0)
            {
                problems.Add($"{at}.aliases: at least one alias is needed to recognise the asset in detections");
            }

            foreach (var alias in asset.Aliases)
            {
                if (string.IsNullOrWhiteSpace(alias))
                {
                    problems.Add($"{at}.aliases: an alias is empty");
                }
                else if (!aliasOwner.TryAdd(alias.Trim(), asset.Id) && aliasOwner[alias.Trim()] != asset.Id)
                {
                    problems.Add($"{at}.aliases: '{alias}' is also an alias of asset '{aliasOwner[alias.Trim()]}'");
                }
            }

            var scope = asset.CustomerScope;
            if (scope.OptedInto is { } service && !serviceIds.Contains(service))
            {
                problems.Add($"{at}.customerScope.optedInto: unknown service '{service}'");
            }

            foreach (var id in scope.Ids ?? [])
            {
                if (!customerIds.Contains(id))
                {
                    problems.Add($"{at}.customerScope.ids: unknown customer '{id}'");
                }
            }

            if (asset.HoldsPersonalData && scope.None)
            {
                problems.Add($"{at}.customerScope: an asset holding personal data must say whose (regions, ids, optedInto or all)");
            }
        }

        foreach (var customer in directory.Customers)
        {
            var at = $"customers[{customer.Id}]";
            CheckLimit(customer.NoticeLimitHours, at, problems);
            CheckContacts(customer.Contacts, at, problems);
            CheckWebhook(customer.Webhook, at, problems);
            foreach (var optIn in customer.OptIns.Where(o => !serviceIds.Contains(o)))
            {
                problems.Add($"{at}.optIns: unknown service '{optIn}'");
            }

            CheckDays(customer.SubprocessorNoticeDays, $"{at}.subprocessorNoticeDays", problems);
            CheckDays(customer.ObjectionDays, $"{at}.objectionDays", problems);
            CheckHours(customer.DataSubjectRequestForwardHours, $"{at}.dataSubjectRequestForwardHours", problems);
            CheckSubjectDomains(customer.SubjectIdentifierDomains, $"{at}.subjectIdentifierDomains", problems);
            foreach (var service in customer.Services ?? [])
            {
                if (!serviceIds.Contains(service))
                {
                    problems.Add($"{at}.services: unknown service '{service}'");
                }
                else if (directory.Services.First(s => s.Id == service).OptIn)
                {
                    problems.Add($"{at}.services: '{service}' is an opt-in service; list it in optIns instead");
                }
            }
        }

        foreach (var subprocessor in directory.Subprocessors)
        {
            var at = $"subprocessors[{subprocessor.Id}]";
            CheckLimit(subprocessor.NoticeLimitHours, at, problems);
            CheckContacts(subprocessor.Contacts, at, problems);
            foreach (var asset in subprocessor.Assets.Where(a => !assetIds.Contains(a)))
            {
                problems.Add($"{at}.assets: unknown asset '{asset}'");
            }

            foreach (var service in subprocessor.Services.Where(s => !serviceIds.Contains(s)))
            {
                problems.Add($"{at}.services: unknown service '{service}'");
            }
        }

        if (directory.Commanders.Count == 0)
        {
            problems.Add("commanders: at least one incident commander is needed to approve notices");
        }

        foreach (var commander in directory.Commanders.Where(c => !IsEmail(c.Email)))
        {
            problems.Add($"commanders[{commander.Id}].email: '{commander.Email}' is not an email address");
        }

        return problems;
    }

    private static HashSet<string> Unique(IEnumerable<string> ids, string section, List<string> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var id in ids)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                problems.Add($"{section}[{index}].id: required");
            }
            else if (!seen.Add(id))
            {
                problems.Add($"{section}[{id}]: the id is used twice");
            }

            index++;
        }

        return seen;
    }

    private static void CheckLimit(int? hours, string at, List<string> problems)
    {
        if (hours is <= 0)
        {
            problems.Add($"{at}.noticeLimitHours: must be a positive number of hours");
        }
    }

    private static void CheckDays(int? days, string at, List<string> problems)
    {
        if (days is <= 0 or > 3650)
        {
            problems.Add($"{at}: must be a whole number of days from 1 to 3650");
        }
    }

    private static void CheckContacts(IReadOnlyList<Contact> contacts, string at, List<string> problems)
    {
        if (contacts.Count == 0)
        {
            problems.Add($"{at}.contacts: at least one contact is needed to notify this party");
        }

        for (var i = 0; i < contacts.Count; i++)
        {
            if (!IsEmail(contacts[i].Email))
            {
                problems.Add($"{at}.contacts[{i}].email: '{contacts[i].Email}' is not an email address");
            }
        }
    }

    private static void CheckWebhook(Webhook? webhook, string at, List<string> problems)
    {
        if (webhook is null)
        {
            return;
        }

        if (!Uri.TryCreate(webhook.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            problems.Add($"{at}.webhook.url: '{webhook.Url}' is not an absolute http(s) URL");
        }
        else if (url.Scheme != "https" && !url.IsLoopback)
        {
            problems.Add($"{at}.webhook.url: '{webhook.Url}' must use https (plain http only for a loopback host)");
        }

        if (string.IsNullOrWhiteSpace(webhook.SecretName) || webhook.SecretName.Contains(':', StringComparison.Ordinal))
        {
            problems.Add($"{at}.webhook.secretName: required, the NAME of the configuration key Webhooks:NAME:Secret");
        }
    }

    private static bool IsEmail(string? value) =>
        !string.IsNullOrWhiteSpace(value) && MailAddress.TryCreate(value, out var address) && address.Address == value.Trim();

    private static void CheckHours(int? hours, string at, List<string> problems)
    {
        if (hours is <= 0 or > 24 * 366)
        {
            problems.Add($"{at}: must be a positive number of hours (at most a year)");
        }
    }

    /// <summary>A domain as an email address ends: letters, digits, dots and hyphens, at least one dot, no <c>@</c>.</summary>
    private static void CheckSubjectDomains(IReadOnlyList<string> domains, string at, List<string> problems)
    {
        foreach (var domain in domains)
        {
            if (string.IsNullOrWhiteSpace(domain) || domain.Length > 253 || !domain.Contains('.', StringComparison.Ordinal)
                || domain.StartsWith('.') || domain.EndsWith('.') || domain.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-')))
            {
                problems.Add($"{at}: '{domain}' is not a domain (for example example.com, without @)");
            }
        }
    }
}
