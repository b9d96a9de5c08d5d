public enum Functional {}
