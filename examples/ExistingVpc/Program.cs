using Amazon.CDK;
using ExistingVpc;

// cdk synth --app "dotnet run --project examples/ExistingVpc", or plainly: dotnet run --project examples/ExistingVpc
var app = new App();
_ = new TeamClusterStack(app, "TeamEks");
app.Synth();
