import pytest

import synthdata as sd
from synthdata.schema import read_ddl

POSTGRES = """
CREATE TABLE customers (
    id SERIAL PRIMARY KEY,
    email VARCHAR(255) NOT NULL UNIQUE,
    first_name TEXT NOT NULL,
    balance NUMERIC(12, 2),
    created_at TIMESTAMPTZ DEFAULT now(),
    meta JSONB
);
CREATE TABLE orders (
    id UUID NOT NULL,
    customer_id INTEGER NOT NULL,
    status VARCHAR(20) NOT NULL,
    total DECIMAL(10, 2),
    PRIMARY KEY (id),
    CONSTRAINT fk_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
);
CREATE TABLE order_tags (
    order_id UUID REFERENCES orders (id),
    tag TEXT,
    PRIMARY KEY (order_id, tag)
);
CREATE INDEX idx ON orders (status);
"""

MYSQL = """
CREATE TABLE `users` (
  `id` INT NOT NULL AUTO_INCREMENT,
  `status` ENUM('active','banned') NOT NULL,
  `is_admin` TINYINT(1) NOT NULL DEFAULT 0,
  `phone` VARCHAR(30),
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE `posts` (
  `id` BIGINT PRIMARY KEY,
  `user_id` INT NOT NULL,
  `body` TEXT,
  CONSTRAINT `fk_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`)
);
"""

SQLITE = """
CREATE TABLE employees (id INTEGER PRIMARY KEY, name TEXT NOT NULL, manager_id INTEGER
    REFERENCES employees(id), hired_on DATE, salary REAL);
"""


def _by_name(schemas):
    return {s.name: {f.name: f for f in s.fields} for s in schemas}


def test_postgres_ddl():
    schemas = sd.schemas_from_ddl(POSTGRES, dialect="postgres")
    fields = _by_name(schemas)
    assert [s.name for s in schemas] == ["customers", "orders", "order_tags"]
    assert fields["customers"]["id"].type is sd.FieldType.INTEGER
    assert fields["customers"]["id"].primary_key
    assert fields["customers"]["email"].type is sd.FieldType.EMAIL
    assert fields["customers"]["email"].unique
    assert fields["customers"]["balance"].type is sd.FieldType.AMOUNT
    assert not fields["customers"]["balance"].required
    assert fields["customers"]["meta"].type is sd.FieldType.JSON
    assert fields["orders"]["customer_id"].references == "customers.id"
    assert fields["orders"]["status"].type is sd.FieldType.ENUM
    tags = schemas[2]
    assert tags.primary_key is None
    assert tags.unique_together == [["order_id", "tag"]]


def test_mysql_ddl():
    fields = _by_name(sd.schemas_from_ddl(MYSQL, dialect="mysql"))
    assert fields["users"]["status"].enum_values == ["active", "banned"]
    assert fields["users"]["is_admin"].type is sd.FieldType.BOOLEAN
    assert fields["users"]["phone"].type is sd.FieldType.PHONE
    assert fields["posts"]["user_id"].references == "users.id"
    assert fields["posts"]["body"].type is sd.FieldType.TEXT


def test_sqlite_ddl_with_self_reference_generates():
    schemas = sd.schemas_from_ddl(SQLITE, dialect="sqlite")
    fields = _by_name(schemas)["employees"]
    assert fields["manager_id"].references == "employees.id"
    assert fields["hired_on"].type is sd.FieldType.DATE
    frames = sd.sample(schemas, rows=50)
    report = sd.validate(frames, schemas)
    assert not [c for c in report.failures if c.check != "null_rate"], report.summary()


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("CREATE TABLE (", "Could not parse the SQL"),
        ("SELECT 1;", "The SQL holds no CREATE TABLE statement"),
        (
            "CREATE TABLE a (id INT PRIMARY KEY, b_id INT REFERENCES b(id));",
            "Schema 'a' field 'b_id' references unknown table 'b'.",
        ),
        ('CREATE TABLE "bad name" (id INT);', "Invalid name 'bad name'"),
    ],
)
def test_ddl_errors(sql, message):
    with pytest.raises(sd.InvalidInputError) as info:
        sd.schemas_from_ddl(sql)
    assert message in str(info.value)


def test_unknown_dialect():
    with pytest.raises(sd.InvalidInputError, match="nosuchsql"):
        sd.schemas_from_ddl("CREATE TABLE a (id INT);", dialect="nosuchsql")


def test_read_ddl_takes_the_meaning_of_names_from_its_caller():
    """The schema layer knows SQL types; what a column's name means comes from the rule given."""
    ddl = "CREATE TABLE t (id INT PRIMARY KEY, contact VARCHAR(40), fee NUMERIC(8, 2), n TEXT);"
    meaning = {"contact": "EMAIL", "fee": "AMOUNT", "n": "INTEGER"}
    asked = []

    def rule(name):
        asked.append(name)
        return sd.Field(name=name, type=meaning.get(name, "STRING"))

    types = {f.name: f.type.value for f in read_ddl(ddl, name_rule=rule)[0].fields}
    assert asked == ["id", "contact", "fee", "n"]
    # A text column keeps a text meaning, never a number: n stays STRING.
    assert types == {"id": "INTEGER", "contact": "EMAIL", "fee": "AMOUNT", "n": "STRING"}
    public = {f.name: f.type.value for f in sd.schemas_from_ddl(ddl)[0].fields}
    assert public == {"id": "INTEGER", "contact": "STRING", "fee": "AMOUNT", "n": "STRING"}
