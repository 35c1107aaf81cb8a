using System.CommandLine;
using System.Text.Json;
using BreachNotify.Parties;

namespace BreachNotify.Cli;

/// <summary><c>directory validate FILE</c>: the same checks the app makes at start, without starting it.</summary>
internal static class DirectoryCommands
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<FileInfo>("file") { Description = "The directory file (format of samples/directory.sample.json)" };
        var validate = new Command("validate", "Check a directory file: exit 0 when valid, else 1 and one line per problem") { file };
        validate.SetAction((parse, _) => Cli.Guard(context, () => ValidateAsync(context, parse.GetRequiredValue(file))));
        return new Command("directory", "The processor directory file") { validate };
    }

    private static async Task<int> ValidateAsync(CliContext context, FileInfo file)
    {
        if (!file.Exists)
        {
            throw new CliException($"file not found: {file.FullName}");
        }

        var json = await File.ReadAllTextAsync(file.FullName);
        ProcessorDirectory directory;
        try
        {
            directory = ProcessorDirectory.FromJson(json);
        }
        catch (JsonException e)
        {
            // Syntax errors and missing required members: one line, with the position the parser gives.
            context.Output.WriteLine($"{file.Name}: not a valid directory: {Cli.OneLine(e.Message)}");
            return 1;
        }

        var problems = DirectoryValidator.Validate(directory);
        foreach (var problem in problems)
        {
            context.Output.WriteLine(problem);
        }

        if (problems.Count > 0)
        {
            return 1;
        }

        var contacts = directory.Customers.Sum(c => c.Contacts.Count) + directory.Subprocessors.Sum(s => s.Contacts.Count);
        context.Output.WriteLine($"valid: {directory.Customers.Count} customers, {contacts} contacts, {directory.Assets.Count} assets");
        return 0;
    }
}
