return await BreachNotify.Cli.Cli.RunAsync(args, Console.Out, Console.Error);
