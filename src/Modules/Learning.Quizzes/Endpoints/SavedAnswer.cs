namespace Learning.Quizzes.Endpoints;

public sealed record SavedAnswer(int Slot, long Seq);
