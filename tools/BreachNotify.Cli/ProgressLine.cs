namespace BreachNotify.Cli;

/// <summary>
/// "re-driven 12/40" on the error writer: rewritten in place on a terminal; otherwise one line per tenth of the work
/// (and the last), so a log stays short.
/// </summary>
internal sealed class ProgressLine(CliContext context, string verb, int total)
{
    private int _lastTenth = -1;

    public void Report(int done)
    {
        if (total <= 0)
        {
            return;
        }

        if (context.ErrorIsTerminal)
        {
            context.Error.Write($"\r{verb} {done}/{total}");
            if (done >= total)
            {
                context.Error.WriteLine();
            }

            return;
        }

        var tenth = done * 10 / total;
        if (tenth != _lastTenth || done >= total)
        {
            _lastTenth = tenth;
            context.Error.WriteLine($"{verb} {done}/{total}");
        }
    }
}
