using System.CommandLine;
using System.Globalization;
using Azure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BreachNotify.Cli;

/// <summary>
/// <c>deadletters list|redrive</c>, straight on the storage account. Re-drive is the app's own
/// <see cref="DeadLetterRedrive"/> (the console's): the stored body back on the workflow queue, then the letter removed.
/// </summary>
internal static class DeadLetterCommands
{
    public static Command Create(CliContext context)
    {
        var storage = new Option<string?>("--storage")
        {
            Description = $"Storage connection string (Storage:ConnectionString); better from ${Cli.StorageVariable}, as it holds the account key",
        };
        var prefix = new Option<string>("--prefix") { Description = "Storage:Prefix of the deployment", DefaultValueFactory = _ => "" };

        var list = new Command("list", "List the dead letters: message id, incident, time, tries, error") { storage, prefix };
        list.SetAction((parse, ct) => Cli.Guard(context, () => ListAsync(context, Store(context, parse.GetValue(storage), parse.GetValue(prefix)), ct)));

        var id = new Option<string?>("--id") { Description = "The message id of the letter to re-drive" };
        var all = new Option<bool>("--all") { Description = "Re-drive every letter" };
        var redrive = new Command("redrive", "Put dead letters back on the workflow queue (the stored message), then remove them")
        {
            storage, prefix, id, all,
        };
        redrive.Validators.Add(result =>
        {
            if ((result.GetValue(id) is not null) == result.GetValue(all))
            {
                result.AddError("redrive: give either --id MESSAGEID or --all");
            }
        });
        redrive.SetAction((parse, ct) => Cli.Guard(context, () => RedriveAsync(
            context, Store(context, parse.GetValue(storage), parse.GetValue(prefix)), parse.GetValue(id), ct)));

        return new Command("deadletters", "Messages that kept failing (the deadletters table)") { list, redrive };
    }

    private static Storage Store(CliContext context, string? connectionString, string? prefix)
    {
        var options = new StorageOptions
        {
            ConnectionString = Cli.Required(context, connectionString, "--storage", Cli.StorageVariable),
            Prefix = prefix ?? "",
        };
        if (options.Problems().FirstOrDefault() is { } problem)
        {
            throw new CliException(problem.Replace("Storage:Prefix", "--prefix", StringComparison.Ordinal));
        }

        StorageClients clients;
        try
        {
            clients = new StorageClients(Options.Create(options));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            // Never echo the connection string: it holds the account key.
            throw new CliException("--storage: not a valid storage connection string");
        }

        var store = new DeadLetterStore(clients, TimeProvider.System);
        return new Storage(clients, store, new DeadLetterRedrive(store, clients, NullLogger<DeadLetterRedrive>.Instance));
    }

    private static async Task<int> ListAsync(CliContext context, Storage storage, CancellationToken cancellationToken)
    {
        var letters = await LettersAsync(storage, cancellationToken);
        foreach (var letter in letters.OrderBy(l => l.DeadLetteredAt))
        {
            context.Output.WriteLine(string.Join('\t',
                letter.MessageId, letter.IncidentId ?? "-", letter.DeadLetteredAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                $"tries={letter.DequeueCount}", Cli.OneLine(letter.Error)));
        }

        context.Error.WriteLine($"{letters.Count} dead letter{(letters.Count == 1 ? "" : "s")} in {storage.Clients.Names.DeadLetters}");
        return 0;
    }

    private static async Task<int> RedriveAsync(CliContext context, Storage storage, string? id, CancellationToken cancellationToken)
    {
        var actor = $"cli:{Environment.UserName}";
        if (id is not null)
        {
            var outcome = await RedriveOneAsync(storage, id, actor, cancellationToken);
            switch (outcome)
            {
                case RedriveOutcome.Redriven:
                    context.Output.WriteLine($"re-driven {id}");
                    return 0;
                case RedriveOutcome.NotFound:
                    throw new CliException($"no dead letter '{id}' in {storage.Clients.Names.DeadLetters}");
                default:
                    throw new CliException($"{id}: the stored message is not a work item; re-driving it would fail again (left in place)");
            }
        }

        var letters = await LettersAsync(storage, cancellationToken);
        var progress = new ProgressLine(context, "re-driven", letters.Count);
        int done = 0, redriven = 0, gone = 0, refused = 0;
        foreach (var letter in letters.OrderBy(l => l.DeadLetteredAt))
        {
            switch (await RedriveOneAsync(storage, letter.MessageId, actor, cancellationToken))
            {
                case RedriveOutcome.Redriven:
                    redriven++;
                    break;
                case RedriveOutcome.NotFound:
                    gone++; // re-driven by someone else meanwhile
                    break;
                default:
                    refused++;
                    context.Error.WriteLine($"breachnotify: {letter.MessageId}: the stored message is not a work item (left in place)");
                    break;
            }

            progress.Report(++done);
        }

        context.Output.WriteLine($"re-driven {redriven} of {letters.Count} dead letters" +
                                 (gone > 0 ? $", {gone} already gone" : "") + (refused > 0 ? $", {refused} not work items (left in place)" : ""));
        return refused > 0 ? 1 : 0;
    }

    private static async Task<RedriveOutcome> RedriveOneAsync(Storage storage, string id, string actor, CancellationToken cancellationToken)
    {
        try
        {
            return await storage.Redrive.RedriveAsync(id, actor, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode is "TableNotFound")
        {
            return RedriveOutcome.NotFound;
        }
        catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode is "QueueNotFound")
        {
            throw new CliException($"the workflow queue {storage.Clients.Names.WorkflowQueue} does not exist (wrong --prefix, or the app never started on this account)");
        }
    }

    private static async Task<IReadOnlyList<DeadLetter>> LettersAsync(Storage storage, CancellationToken cancellationToken)
    {
        try
        {
            return await storage.Letters.ListAsync(null, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // The app creates the table at start; none yet means no letters (or the wrong --prefix).
            return [];
        }
    }

    private sealed record Storage(StorageClients Clients, DeadLetterStore Letters, DeadLetterRedrive Redrive);
}
