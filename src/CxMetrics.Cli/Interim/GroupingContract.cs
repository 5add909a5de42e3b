namespace CxMetrics.Cli;

// Interim stand-ins for the grouping branch's contract (brief); deleted when `grouping` is merged.
internal enum GroupKey { Channel, Agent, Team, Priority }

internal enum PeriodUnit { None, Day, Week, Month }
