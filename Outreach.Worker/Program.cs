using Outreach.Worker.Cli;

return await OperatorCli.RunAsync(args);
